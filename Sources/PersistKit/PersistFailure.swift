/// Marks persist's own typed errors, whose messages are already one line written for people.
public protocol PersistFailure: Error, CustomStringConvertible {}

extension DatabaseError: PersistFailure {}
extension DatabaseURLError: PersistFailure {}
