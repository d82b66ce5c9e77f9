import Testing

/// The suites whose timing the rest of the suite's load would disturb: `scripts/test` runs them in
/// a pass of their own, one at a time, after the others (as PersistCLITests' suite of the same name).
@Suite("Reliability under load", .serialized)
enum Reliability {}
