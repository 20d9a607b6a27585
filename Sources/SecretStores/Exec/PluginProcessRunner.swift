import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a plugin process once: the configured argv plus the operation name, the request on stdin, the reply
/// collected from stdout, diagnostics from stderr.
///
/// One dedicated thread drives the process with `poll` over all three pipes, so a plugin that writes a lot to
/// stderr before reading stdin cannot deadlock it, and the deadline is checked while waiting. On timeout or
/// task cancellation the plugin's whole process group is killed with SIGKILL (Foundation starts every child in
/// its own process group).
struct PluginProcessRunner: Sendable {
    /// The largest stdout accepted before the plugin is killed.
    static let maximumReplyBytes = 16 << 20
    /// The most stderr kept; the rest is read and discarded.
    static let maximumStderrBytes = 64 << 10

    /// The resolved executable.
    let executablePath: String
    /// The configured arguments after the executable; the operation is appended.
    let arguments: [String]
    /// The name shown in errors (the configured executable).
    let displayName: String
    /// The plugin's environment: the caller's, without `DFNS_*` variables.
    let environment: [String: String]
    /// How long one run may take.
    let timeout: Duration

    /// Runs the plugin with an operation name and a request.
    ///
    /// - Throws: ``SecretStoreError/pluginLaunchFailed(command:reason:)``,
    ///   ``SecretStoreError/pluginTimedOut(command:operation:timeout:)``,
    ///   ``SecretStoreError/pluginBadReply(command:operation:detail:)`` (reply too large) or `CancellationError`.
    func run(operation: String, request: Data) async throws -> PluginRunResult {
        let cancellation = PluginCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(
                        with: Result {
                            try runBlocking(operation: operation, request: request, cancellation: cancellation)
                        })
                }
                thread.name = "dfnsops secret-store plugin"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    private enum Interruption {
        case timedOut
        case cancelled
        case replyTooLarge
    }

    private func runBlocking(
        operation: String,
        request: Data,
        cancellation: PluginCancellation
    ) throws -> PluginRunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments + [operation]
        process.environment = environment
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        // The child inherits this thread's signal mask, and threads of the concurrency pool block most signals
        // (SIGTERM, SIGINT, SIGPIPE, ...). Spawn with nothing blocked so the plugin behaves as from a shell;
        // afterwards block SIGPIPE on this thread, so that writing to a plugin that has exited returns EPIPE
        // instead of killing dfnsops. The thread ends with the run, taking any pending SIGPIPE with it.
        var inherited = sigset_t()
        var nothingBlocked = sigset_t()
        sigemptyset(&nothingBlocked)
        pthread_sigmask(SIG_SETMASK, &nothingBlocked, &inherited)
        defer {
            sigaddset(&inherited, SIGPIPE)
            pthread_sigmask(SIG_SETMASK, &inherited, nil)
        }
        do {
            try process.run()
        } catch {
            throw SecretStoreError.pluginLaunchFailed(command: displayName, reason: error.localizedDescription)
        }
        var spawnedMask = inherited
        sigaddset(&spawnedMask, SIGPIPE)
        pthread_sigmask(SIG_SETMASK, &spawnedMask, nil)
        let processID = process.processIdentifier
        func killProcessGroup() {
            kill(-processID, SIGKILL)
            kill(processID, SIGKILL)
        }

        let inputHandle = inputPipe.fileHandleForWriting
        let inputDescriptor = inputHandle.fileDescriptor
        let outputDescriptor = outputPipe.fileHandleForReading.fileDescriptor
        let errorDescriptor = errorPipe.fileHandleForReading.fileDescriptor
        for descriptor in [inputDescriptor, outputDescriptor, errorDescriptor] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }

        var inputOpen = true
        func closeInput() {
            if inputOpen { try? inputHandle.close() }
            inputOpen = false
        }
        var inputOffset = 0
        var stdout = Data()
        var stderr = Data()
        var outputOpen = true
        var errorOpen = true
        var interruption: Interruption?
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        if request.isEmpty { closeInput() }

        while outputOpen || errorOpen {
            if cancellation.isCancelled {
                interruption = .cancelled
                break
            }
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero {
                interruption = .timedOut
                break
            }
            var descriptors: [pollfd] = []
            if inputOpen { descriptors.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0)) }
            if outputOpen { descriptors.append(pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)) }
            if errorOpen { descriptors.append(pollfd(fd: errorDescriptor, events: Int16(POLLIN), revents: 0)) }
            let waitMilliseconds = Int32(clamping: min(remaining.components.seconds * 1000 + 1, 100))
            let ready = poll(&descriptors, nfds_t(descriptors.count), waitMilliseconds)
            if ready < 0 && errno != EINTR {
                killProcessGroup()
                throw SecretStoreError.fileSystem(operation: "poll", path: displayName, errno: errno)
            }
            for descriptor in descriptors where descriptor.revents != 0 {
                switch descriptor.fd {
                case inputDescriptor:
                    if descriptor.revents & Int16(POLLOUT) == 0 {
                        closeInput()  // The plugin closed its stdin without reading everything; that is its call.
                        continue
                    }
                    let written = request.withUnsafeBytes { buffer -> Int in
                        guard let base = buffer.baseAddress else { return 0 }
                        return write(inputDescriptor, base + inputOffset, min(buffer.count - inputOffset, 65_536))
                    }
                    if written > 0 { inputOffset += written }
                    if written < 0 && errno != EAGAIN && errno != EINTR { closeInput() }
                    if inputOffset >= request.count { closeInput() }
                case outputDescriptor:
                    outputOpen = Self.drain(outputDescriptor, into: &stdout, keepingAtMost: Self.maximumReplyBytes + 1)
                default:
                    errorOpen = Self.drain(errorDescriptor, into: &stderr, keepingAtMost: Self.maximumStderrBytes)
                }
            }
            if stdout.count > Self.maximumReplyBytes {
                interruption = .replyTooLarge
                break
            }
        }
        closeInput()

        if interruption != nil { killProcessGroup() }
        var exitDeadline = interruption == nil ? deadline : clock.now.advanced(by: .seconds(5))
        while process.isRunning {
            if clock.now >= exitDeadline {
                guard interruption == nil else { break }
                interruption = .timedOut
                killProcessGroup()
                exitDeadline = clock.now.advanced(by: .seconds(5))
            }
            usleep(500)
        }

        switch interruption {
        case .timedOut:
            throw SecretStoreError.pluginTimedOut(command: displayName, operation: operation, timeout: timeout)
        case .cancelled:
            throw CancellationError()
        case .replyTooLarge:
            throw SecretStoreError.pluginBadReply(
                command: displayName, operation: operation, detail: "the reply is larger than 16 MiB")
        case nil:
            let termination: PluginRunResult.Termination =
                process.terminationReason == .uncaughtSignal
                ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
            return PluginRunResult(termination: termination, stdout: stdout, stderr: stderr)
        }
    }

    /// Reads what is available from a non-blocking descriptor.
    ///
    /// - Returns: `false` at end of file (or on a read error), `true` while more may come.
    private static func drain(_ descriptor: Int32, into buffer: inout Data, keepingAtMost limit: Int) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let room = max(0, limit - buffer.count)
                buffer.append(contentsOf: chunk[0..<min(count, room)])
                continue
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK
        }
    }
}
