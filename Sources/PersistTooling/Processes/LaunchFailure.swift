import PersistKit

/// A child process that could not be started: the executable is missing or not executable, or
/// its working directory cannot be entered.
public struct LaunchFailure: PersistFailure, Equatable {
    /// The executable that was to be started.
    public let path: String

    /// A failure to start `path`.
    public init(path: String) {
        self.path = path
    }

    public var description: String { "cannot run \(path)" }
}
