#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key a client's sign-in and sign-up limits are counted under.
///
/// - An IPv4 client is its address, whether it came to an IPv4 listener or to a dual-stack one
///   (`::`), which shows it as `::ffff:a.b.c.d`: otherwise one client would get two allowances.
/// - An IPv6 client is its /64 network, which one client usually holds whole: counted by full
///   address, a /64 would be 2^64 clients.
/// - Anything else (a zone id, a Unix socket) is kept as it is, cut to 180 characters.
public enum ClientAddress {
    /// The key for `address`, as the socket gave it.
    public static func key(_ address: String) -> String {
        var binary = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &binary) == 1 else { return String(address.prefix(180)) }
        let bytes = withUnsafeBytes(of: &binary) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map { String($0) }.joined(separator: ".")
        }
        let network = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return network.joined(separator: ":") + "::/64"
    }
}
