import ArgumentParser
import Foundation
import MagnesiumKit

/// The exit statuses documented in the README and `--help`.
enum Status {
    static let failures: Int32 = 1
    static let invalidData: Int32 = 65
    static let notFound: Int32 = 66
}

/// Options every subcommand shares.
struct KnowledgeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge folder to load (default: found beside the program or in its checkout).", valueName: "DIR"))
    var knowledge: String?

    /// Loads the graph, or prints every problem as FILE:LINE: message and exits 65 (66 when the folder is missing).
    func load() throws -> Knowledge { try Self.load(explicit: knowledge) }

    /// Loads the graph from `--knowledge DIR` when given, else from where ``KnowledgeLocator`` finds it.
    static func load(explicit: String?) throws -> Knowledge {
        let environment = ProcessInfo.processInfo.environment
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
        guard let folder = KnowledgeLocator.locate(explicit: explicit, environment: environment, executablePath: executable, builtFrom: #filePath) else {
            Output.error("magnesium: cannot find the Knowledge folder; pass --knowledge DIR or set MAGNESIUM_KNOWLEDGE")
            throw ExitCode(Status.notFound)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Output.error("magnesium: knowledge folder not found: \(folder.path)")
            throw ExitCode(Status.notFound)
        }
        do {
            // The compiled cache ($XDG_CACHE_HOME/magnesium) skips parsing YAML when nothing changed.
            return try Knowledge.load(from: folder, cache: CompiledKnowledgeCache(environment: environment))
        } catch let failure as KnowledgeLoadError {
            for diagnostic in failure.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(Status.invalidData)
        }
    }
}

/// Writing to stdout and stderr; a closed pipe ends the program quietly.
enum Output {
    static func write(_ text: String) {
        if !writeAll(STDOUT_FILENO, text) { exit(0) }
    }

    static func line(_ text: String) { write(text + "\n") }

    static func error(_ text: String) {
        _ = writeAll(STDERR_FILENO, text + "\n")
    }

    /// Writes every byte, retrying after signals; false when the reader has gone (EPIPE) or the write fails.
    private static func writeAll(_ descriptor: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        bytes.removeAll()
        return true
    }
}

/// Terminal facts: whether a stream is a terminal, how wide it is, and whether colour is wanted.
enum Terminal {
    /// True for a terminal that can take escape sequences: `TERM=dumb` counts as none.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The width of the terminal on standard output in columns, asked afresh each time so a
    /// resized window is followed; 0 when standard output is not a terminal.
    static func columns() -> Int {
        guard isatty(STDOUT_FILENO) == 1 else { return 0 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return 0 }
        return Int(size.ws_col)
    }

    static func wantsColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
            return noColor.isEmpty && isTerminal(STDOUT_FILENO)
        }
    }
}

/// `--color`: auto (a terminal on standard output, and NO_COLOR unset or empty), always or never.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
