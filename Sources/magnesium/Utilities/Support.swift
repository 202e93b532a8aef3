import ArgumentParser
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding
import Synchronization

/// The exit statuses documented in the README and `--help`, in one place. The numbers follow
/// BSD's sysexits.h, which scripts and CI already know; 0 is success, also when the reader of a
/// pipe goes away early (as `head` does), since every answer asked for was written. 64, a usage
/// error (EX_USAGE), is ArgumentParser's own status for an unknown option or a bad value.
enum Status {
    /// A replay or record found replies that differ from the transcript: a test failure, not an
    /// error.
    static let failures: Int32 = 1
    /// Invalid knowledge or transcript (EX_DATAERR), with FILE:LINE: message on stderr.
    static let invalidData: Int32 = 65
    /// A file or folder named on the command line does not exist (EX_NOINPUT).
    static let notFound: Int32 = 66
    /// Standard input or output failed (a write error other than a closed pipe, such as a full
    /// disk or /dev/full; a read error, such as standard input being a folder), or a file could
    /// not be written (EX_IOERR).
    static let ioError: Int32 = 74
    /// Batch mode stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM), as a
    /// shell reports a process the signal ended.
    static func stoppedBy(signal: Int32) -> Int32 { 128 + signal }
}

/// Options every subcommand shares.
struct KnowledgeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The knowledge folder to load (default: found beside the program or in its checkout).",
            valueName: "DIR"))
    var knowledge: String?

    /// Loads the graph, or prints every problem as FILE:LINE: message and exits 65 (66 when the
    /// folder is missing).
    func load() throws -> Knowledge { try Self.load(explicit: knowledge) }

    /// The knowledge folder: `--knowledge DIR`, else `MAGNESIUM_KNOWLEDGE`, else beside the
    /// program or in the checkout it was built from (``KnowledgeLocator``).
    static func locate(explicit: String?) -> URL? {
        locatePath(explicit: explicit).map { URL(fileURLWithPath: $0, isDirectory: true) }
    }

    /// ``locate(explicit:)`` as an absolute path.
    static func locatePath(explicit: String?) -> String? {
        let executable = runningExecutable() ?? CommandLine.arguments.first
        return KnowledgeLocator.locatePath(
            explicit: explicit, environment: Environment.values(of: ["MAGNESIUM_KNOWLEDGE"]),
            executablePath: executable, builtFrom: #filePath)
    }

    /// The path of the running program, from `/proc/self/exe`; nil where there is none.
    private static func runningExecutable() -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                readlink("/proc/self/exe", $0, buffer.count - 1)
            }
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Loads the graph from `--knowledge DIR` when given, else from where ``KnowledgeLocator``
    /// finds it.
    static func load(explicit: String?) throws -> Knowledge {
        // Before the knowledge fills the heap (see ``HugePageHeap``).
        HugePageHeap.prepare()
        guard let folder = locatePath(explicit: explicit) else {
            Output.error(
                "magnesium: cannot find the Knowledge folder; pass --knowledge DIR or set MAGNESIUM_KNOWLEDGE"
            )
            throw ExitCode(Status.notFound)
        }
        guard FileIO.isFolder(folder) else {
            Output.error("magnesium: knowledge folder not found: \(SafeText.escaped(folder))")
            throw ExitCode(Status.notFound)
        }
        do {
            // The compiled cache ($XDG_CACHE_HOME/magnesium) skips parsing YAML when nothing
            // changed.
            let knowledge = try Knowledge.load(
                fromFolder: folder,
                cache: CompiledKnowledgeCache(
                    environment: Environment.values(of: CompiledKnowledgeCache.environmentNames)))
            HugePageHeap.settle()  // the load is done: see ``HugePageHeap``
            return knowledge
        } catch let failure as DiagnosticsError {
            for diagnostic in failure.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(Status.invalidData)
        }
    }
}

/// Writing to stdout and stderr.
///
/// A reader that goes away (EPIPE, as with `| head -1`) is no error: output stops quietly and
/// the command's status stands. Any other write error (a full disk, /dev/full, EIO) is reported
/// once on stderr and turns a successful run into ``Status/ioError`` (74); a command that has
/// already failed keeps its own status. By default the program ends at the first failed write;
/// commands whose status reports on their work (`replay`, `check`, `record`) set
/// ``finishesAfterFailure`` so the work goes on without output and ends with its own status.
enum Output {
    /// 0 while writes to stdout succeed; the errno of the first failed write after that.
    private static let failure = Atomic<Int32>(0)
    /// True: a failed write is remembered and later output dropped, and the command goes on.
    static let finishesAfterFailure = Atomic<Bool>(false)

    static func write(_ text: String) {
        guard failure.load(ordering: .relaxed) == 0 else { return }
        guard let error = FileIO.writeAll(STDOUT_FILENO, text) else { return }
        outputFailed(errno: error)
        if !finishesAfterFailure.load(ordering: .relaxed) { exit(finalStatus(0)) }
    }

    static func line(_ text: String) { write(text + "\n") }

    static func error(_ text: String) {
        _ = FileIO.writeAll(STDERR_FILENO, text + "\n")
    }

    /// Records a failed write to stdout; anything but a closed pipe is reported on stderr, once.
    static func outputFailed(errno code: Int32) {
        guard failure.compareExchange(expected: 0, desired: code, ordering: .relaxed).exchanged
        else { return }
        if code != EPIPE {
            error("magnesium: cannot write to standard output: \(String(cString: strerror(code)))")
        }
    }

    /// The status to exit with for a command that ended with `status`, given what happened to its
    /// output: a failing status stands; success becomes 74 after a write error other than EPIPE.
    static func finalStatus(_ status: Int32) -> Int32 {
        let code = failure.load(ordering: .relaxed)
        return status != 0 || code == 0 || code == EPIPE ? status : Status.ioError
    }
}

/// The standard descriptors 0, 1 and 2, opened on /dev/null when the program was started with
/// one of them closed (`magnesium <&-`, `>&-`). Otherwise the next file or pipe opened would take
/// that number: batch mode's signal pipe became "standard input" and the program waited on itself.
enum StandardDescriptors {
    static func ensureOpen() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}

/// Single environment variables, read with getenv. `ProcessInfo.environment` copies every
/// variable into a new dictionary each time it is asked (a few percent of a start-up), where a
/// start needs four of them.
enum Environment {
    static func value(of name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The variables named that are set, as `ProcessInfo.environment` would give them.
    static func values(of names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = value(of: name) { values[name] = value }
        }
        return values
    }
}

/// Terminal facts: whether a stream is a terminal, how wide it is, and whether colour is wanted.
enum Terminal {
    /// True for a terminal that can take escape sequences: `TERM=dumb` counts as none.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1 && Environment.value(of: "TERM") != "dumb"
    }

    /// The width of the terminal on standard output in columns, asked afresh each time so a
    /// resized window is followed; 0 when standard output is not a terminal.
    static func columns() -> Int { Int(windowSize()?.ws_col ?? 0) }

    /// The height of the terminal on standard output in rows; 0 when it is not a terminal.
    static func rows() -> Int { Int(windowSize()?.ws_row ?? 0) }

    private static func windowSize() -> winsize? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return size
    }

    static func wantsColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = Environment.value(of: "NO_COLOR") ?? ""
            return noColor.isEmpty && isTerminal(STDOUT_FILENO)
        }
    }
}

/// `--color`: auto (a terminal on standard output, and NO_COLOR unset or empty), always or never.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
