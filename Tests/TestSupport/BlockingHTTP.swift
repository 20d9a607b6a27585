import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain blocking HTTP/1.1 GET over a loopback socket, for watcher threads.
///
/// `URLSession` delivers its answers through dispatch queues, which a busy test run may hold up; a thread that must
/// react within milliseconds (to SIGKILL a process once the emulator has received a request) polls with this
/// instead, needing nothing but itself.
package enum BlockingHTTP {
    /// Why a request failed.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Sends `GET path` to `127.0.0.1:port` and returns the status and body.
    /// - Parameters:
    ///   - url: an `http://127.0.0.1:PORT/…` URL.
    ///   - timeout: the longest wait for the connection and for each read.
    package static func get(_ url: URL, timeout: TimeInterval = 10) throws -> (status: Int, body: Data) {
        guard url.scheme == "http", let port = url.port else {
            throw Failure(description: "not an http://127.0.0.1:PORT URL: \(url)")
        }
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(descriptor) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port): errno \(errno)") }
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += count
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                response.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw Failure(description: "recv: errno \(errno)")
            }
        }
        return try parse(response)
    }

    /// Splits a whole HTTP/1.1 response into its status and body (plain or chunked).
    static func parse(_ response: Data) throws -> (status: Int, body: Data) {
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete HTTP head in \(response.count) bytes")
        }
        let head = String(decoding: response[..<split.lowerBound], as: UTF8.self)
        let statusLine = head.prefix { $0 != "\r" }.split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line: \(head.prefix(80))")
        }
        var body = Data(response[split.upperBound...])
        if head.lowercased().contains("transfer-encoding: chunked") {
            var decoded = Data()
            var rest = body[...]
            while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
                let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
                if size == 0 { break }
                let start = lineEnd.upperBound
                guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
                let end = rest.index(start, offsetBy: size)
                decoded.append(rest[start..<end])
                rest = rest[(rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex)...]
            }
            body = decoded
        }
        return (status, body)
    }
}
