import ArgumentParser
import Foundation
import MagnesiumKit

/// Replays saved transcripts as tests.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay saved transcripts and compare every reply.",
        discussion: "Prints PASS or FAIL for each transcript, a unified diff for each mismatch, and `N passed, M failed` last. Exit 1 when any fails, 65 when a transcript is malformed, 66 when a path does not exist.")

    @OptionGroup var options: KnowledgeOptions

    @Argument(help: "Transcript files or folders (default: every .txt under Transcripts/ beside the knowledge folder).")
    var paths: [String] = []

    func run() throws {
        let knowledge = try options.load()
        let files = try transcriptFiles()
        let replayer = TranscriptReplayer(knowledge: knowledge)
        var passed = 0, failed = 0, malformed = 0
        for file in files {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                Output.error("\(file):0: cannot be read as UTF-8 text")
                malformed += 1
                continue
            }
            do {
                let transcript = try Transcript.parse(text, file: file)
                let result = replayer.replay(transcript, file: file)
                if result.passed {
                    passed += 1
                    Output.line("PASS \(file)")
                } else {
                    failed += 1
                    Output.line("FAIL \(file)")
                    Output.line(result.diff)
                }
            } catch {
                malformed += 1
                Output.line("ERROR \(file)")
                for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            }
        }
        Output.line("\(passed) passed, \(failed + malformed) failed")
        if malformed > 0 { throw ExitCode(Status.invalidData) }
        if failed > 0 { throw ExitCode(Status.failures) }
    }

    private func transcriptFiles() throws -> [String] {
        var roots = paths
        if roots.isEmpty {
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
            let knowledge = KnowledgeLocator.locate(explicit: options.knowledge, environment: ProcessInfo.processInfo.environment, executablePath: executable, builtFrom: #filePath)
            roots = [knowledge?.deletingLastPathComponent().appendingPathComponent("Transcripts").path ?? "Transcripts"]
        }
        var files: [String] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                Output.error("magnesium: no such file or folder: \(root)")
                throw ExitCode(Status.notFound)
            }
            if !isDirectory.boolValue {
                files.append(root)
                continue
            }
            let walker = FileManager.default.enumerator(atPath: root)
            var found: [String] = []
            while let relative = walker?.nextObject() as? String {
                if relative.hasSuffix(".txt") { found.append((root as NSString).appendingPathComponent(relative)) }
            }
            files += found.sorted()
        }
        if files.isEmpty {
            Output.error("magnesium: no transcripts (*.txt) found in \(roots.joined(separator: ", "))")
            throw ExitCode(Status.notFound)
        }
        return files
    }
}
