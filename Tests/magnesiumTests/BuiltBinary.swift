import Foundation

/// Where the end-to-end tests find the repository and the `magnesium` binary `swift test` built,
/// and the one way they run it (or a helper program such as `bash` or `script`) to its end.
enum BuiltBinary {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// Beside the test bundle when SwiftPM built both; otherwise the default debug build folder.
    static var url: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("magnesium")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return root.appendingPathComponent(".build/debug/magnesium")
    }

    /// How a finished run went: its exit status and everything it wrote.
    struct Run {
        var status: Int32
        var stdoutBytes: Data
        var stderrBytes: Data

        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
        /// The stdout lines, blank ones included, without the line feed that ends the last.
        var lines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
                String.init)
        }
    }

    /// Runs `magnesium ARGUMENTS` (or `executable`) with `input` on stdin and waits for it to end.
    ///
    /// - Parameters:
    ///   - directory: the working folder; this process's own when nil.
    ///   - environment: added to this process's environment; a nil value removes that variable.
    ///
    /// Input, output and errors go through files rather than pipes, so a megabyte in or out never
    /// fills a pipe buffer while the other side waits.
    static func run(
        _ arguments: [String], input: Data = Data(), directory: URL? = nil,
        environment: [String: String?] = [:], executable: URL? = nil
    ) throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inFile = folder.appendingPathComponent("in")
        let outFile = folder.appendingPathComponent("out")
        let errFile = folder.appendingPathComponent("err")
        try input.write(to: inFile)
        try Data().write(to: outFile)
        try Data().write(to: errFile)
        let stdin = try FileHandle(forReadingFrom: inFile)
        let stdout = try FileHandle(forWritingTo: outFile)
        let stderr = try FileHandle(forWritingTo: errFile)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }

        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        var attempt = 0
        while true {
            let process = Process()
            process.executableURL = executable ?? url
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            process.environment = variables
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            do {
                try process.run()
            } catch  where isTextFileBusy(error) && attempt < 500 {
                // A binary copied a moment ago (see ``copyExecutable(_:to:)``) can still be open
                // for writing in a child another test forked in the instant before its exec;
                // starting it fails with ETXTBSY until that child has exec'd.
                attempt += 1
                usleep(20_000)
                continue
            }
            process.waitUntilExit()
            return Run(
                status: process.terminationStatus, stdoutBytes: try contents(of: outFile),
                stderrBytes: try contents(of: errFile))
        }
    }

    /// Whether starting a program failed because its file is open for writing (ETXTBSY).
    private static func isTextFileBusy(_ error: Error) -> Bool {
        let failure = error as NSError
        if failure.domain == NSPOSIXErrorDomain && failure.code == Int(ETXTBSY) { return true }
        guard let underlying = failure.userInfo[NSUnderlyingErrorKey] as? NSError else {
            return false
        }
        return underlying.domain == NSPOSIXErrorDomain && underlying.code == Int(ETXTBSY)
    }

    /// Copies the built binary to `destination`, written through a descriptor closed on exec:
    /// a child another test starts meanwhile must not keep the new file open for writing (a
    /// file open for writing cannot be run: ETXTBSY), as it would with `FileManager`'s copy.
    static func copyExecutable(_ source: URL, to destination: URL) throws {
        let bytes = try Data(contentsOf: source)
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }

    static func run(
        _ arguments: [String], input: String, directory: URL? = nil,
        environment: [String: String?] = [:], executable: URL? = nil
    ) throws -> Run {
        try run(
            arguments, input: Data(input.utf8), directory: directory, environment: environment,
            executable: executable)
    }

    /// Runs `path` with `arguments` and waits for it: standard input /dev/null, standard output
    /// to the file `output`, standard error to `errors` (or with the output when nil); the exit
    /// status, or 128 + the signal that ended it.
    ///
    /// Not through Foundation's `Process`: that passes on the signal mask of the test's worker
    /// thread, which blocks nearly every signal. Here the child starts with no signal blocked and
    /// every action the default, as from a login shell, so a program killed by SIGPIPE shows as
    /// 141 and tmux and the shell under it take Ctrl-C and SIGTERM as a person's would.
    static func runWithDefaultSignals(
        _ path: String, _ arguments: [String], environment: [String]? = nil,
        output: String, errors: String? = nil
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let errors {
            posix_spawn_file_actions_addopen(
                &actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map {
            $0.map { strdup($0) } + [nil]
        }
        defer { for pointer in argv + (envp ?? []) { free(pointer) } }
        var pid: pid_t = 0
        let failure =
            envp.map { envp in posix_spawn(&pid, path, &actions, &attributes, argv, envp) }
            ?? posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// A file's bytes. (Not `Data(contentsOf:)`: in Swift 6.3.1 it leaks 4 KB per empty file,
    /// which LeakSanitizer reports when the tests run with `--sanitize=address`.)
    static func contents(of file: URL) throws -> Data {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return try handle.readToEnd() ?? Data()
    }
}
