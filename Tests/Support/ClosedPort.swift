import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket bound to a free loopback port.
private struct LoopbackSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestSetupError("cannot create a socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let fd = descriptor
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw TestSetupError("cannot bind a socket")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A loopback TCP port that nothing listens on: bound, then released.
public enum ClosedPort {
    public static func find() throws -> Int {
        let socket = try LoopbackSocket()
        close(socket.descriptor)
        return socket.port
    }
}

/// A loopback TCP port that accepts connections (the kernel completes the handshake) but never
/// answers: a server that hangs. Close it with ``close()``.
public final class SilentServer: Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let socket = try LoopbackSocket()
        guard listen(socket.descriptor, 16) == 0 else {
            Glibc.close(socket.descriptor)
            throw TestSetupError("cannot listen")
        }
        descriptor = socket.descriptor
        port = socket.port
    }

    public func close() {
        _ = Glibc.close(descriptor)
    }
}
