export type {
  GateComparison,
  GatePolicy,
  GatePolicyProblem,
  GateTerm,
} from './GatePolicy';
export { parseGatePolicy, MAX_GATE_POLICY_TERMS } from './parseGatePolicy';
export { evaluateGate, judgeGateSlo } from './evaluateGate';
export type {
  GateDecision,
  GateResult,
  GateSloInput,
  GateSloResult,
} from './evaluateGate';
export { gateSloInputFromStatus } from './gateSloInputFromStatus';
export type { GateResponse } from './GateResponse';
