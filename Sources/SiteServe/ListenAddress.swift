import FlyingSocks
import Foundation
import SiteCore

/// Where `serve` listens: `--host` (an IPv4 or IPv6 address, or `localhost`) and `--port`, checked before
/// anything is built, so a mistyped host is a usage error and not a socket error half-way through.
public struct ListenAddress: Sendable {
    public let host: String
    public let port: UInt16
    let socketAddress: SocketAddressFamily

    /// The two kinds `--host` can name, kept concrete: FlyingFox's server takes one type, not `any SocketAddress`.
    enum SocketAddressFamily: Sendable {
        case ip4(sockaddr_in)
        case ip6(sockaddr_in6)
    }

    public init(host: String, port: UInt16) throws(Diagnostic) {
        self.host = host
        self.port = port
        guard let address = Self.socketAddress(host: host, port: port) else {
            let shown = host.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
            throw .error("invalid --host '\(shown)'",
                         hint: "give an IPv4 or IPv6 address, or localhost: --host 127.0.0.1, --host ::1, or --host 0.0.0.0 for every interface")
        }
        socketAddress = address
    }

    static func socketAddress(host: String, port: UInt16) -> SocketAddressFamily? {
        // inet_pton reads a C string: a NUL inside would hide whatever follows it.
        guard !host.contains("\0") else { return nil }
        if host.lowercased() == "localhost" { return (try? sockaddr_in.inet(ip4: "127.0.0.1", port: port)).map { .ip4($0) } }
        if let ip4 = try? sockaddr_in.inet(ip4: host, port: port) { return .ip4(ip4) }
        // `[::1]`, as written in a URL, is the address ::1.
        let ip6 = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return (try? sockaddr_in6.inet6(ip6: ip6, port: port)).map { .ip6($0) }
    }

    /// What a failure to take the address means for the person who typed `serve`, or nil for any other error.
    func problem(listening error: any Error) -> Diagnostic? {
        guard case let SocketError.failed(type, code, message) = error, type == "Bind" || type == "Listen" else { return nil }
        if code == EADDRINUSE {
            return .error("port \(port) is already in use; try --port \(port == UInt16.max ? port - 1 : port + 1)")
        }
        return .error("cannot listen on \(host) port \(port): \(message)")
    }

    /// `http://127.0.0.1:1313/`, for the address the server ended up listening on (the port 0 picked).
    static func url(of address: Socket.Address) -> String? {
        switch address {
        case let .ip4(ip, port): return "http://\(ip):\(port)/"
        case let .ip6(ip, port): return "http://[\(ip)]:\(port)/"
        case .unix: return nil
        }
    }
}
