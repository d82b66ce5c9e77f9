import Testing

/// The suites that load the machine on purpose (hundreds of processes, imports killed at chosen
/// moments): they run one at a time, and `scripts/test` runs them in a pass of their own after
/// the others, so neither disturbs the other's timing.
@Suite("Reliability under load", .serialized)
enum Reliability {}
