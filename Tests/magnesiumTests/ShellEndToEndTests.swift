import Foundation
import Testing

/// The command line around the shell, run as a user or a script would: pipes that close
/// early, colour choices, help, version and the shell-only commands in batch mode.
@Suite struct ShellEndToEndTests {
    /// Runs a command line through bash with pipefail, so `magnesium`'s own exit status counts.
    func shell(_ script: String) throws -> BuiltBinary.Run {
        try BuiltBinary.run(
            ["-c", "set -o pipefail; " + script], executable: URL(fileURLWithPath: "/bin/bash"))
    }

    @Test func aReaderThatLeavesEarlyEndsBatchModeQuietly() throws {
        // Far more answers than a pipe holds, so magnesium is still writing when head leaves.
        let questions = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-questions-\(UUID().uuidString).txt")
        try String(
            repeating: "what is magnesium bisglycinate?\nhow much should I take?\n", count: 5_000
        )
        .write(to: questions, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: questions) }
        for arguments in ["", "--json"] {
            let result = try shell(
                "'\(BuiltBinary.url.path)' \(arguments) < '\(questions.path)' | head -1")
            #expect(result.status == 0, "magnesium \(arguments) | head -1 failed: \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 1)
            #expect(result.stdout.lowercased().contains("glycine"))
        }
    }

    @Test func colourOnlyWhenAskedForOrOnATerminal() throws {
        let question = "what is magnesium bisglycinate?\n"
        let piped = try BuiltBinary.run([], input: question)
        #expect(!piped.stdout.contains("\u{1B}["), "piped output is plain by default")
        #expect(
            !(try BuiltBinary.run(["--color", "never"], input: question)).stdout.contains("\u{1B}[")
        )
        let always = try BuiltBinary.run(["--color", "always"], input: question)
        #expect(always.stdout.contains("\u{1B}[36m[1, 2]\u{1B}[0m"))
        #expect(always.stdout.contains("\u{1B}[2mSources: "))
        // Without the escapes, --color always says exactly what plain output says.
        let stripped = always.stdout.replacingOccurrences(
            of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == piped.stdout)
        // The flag wins over NO_COLOR; JSON never has colour.
        let forced = try shell(
            "NO_COLOR=1 '\(BuiltBinary.url.path)' --color always <<< '\(question)'")
        #expect(forced.stdout.contains("\u{1B}["))
        #expect(
            !(try BuiltBinary.run(["--json", "--color", "always"], input: question)).stdout
                .contains("\u{1B}["))
        let wrong = try BuiltBinary.run(["--color", "sometimes"])
        #expect(wrong.status == 64)
    }

    @Test(arguments: [[String](), ["chat"], ["ask"], ["replay"], ["record"], ["check"]])
    func everyCommandHasHelp(command: [String]) throws {
        let result = try BuiltBinary.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: magnesium"))
        #expect(result.stdout.contains("OVERVIEW:"))
    }

    @Test func helpForTheShellNamesItsKeysHistoryAndExitStatuses() throws {
        let help = try BuiltBinary.run(["chat", "--help"]).stdout.replacingOccurrences(
            of: "\n", with: " ")
        for expected in [
            "--no-history", "--color <WHEN>", "Ctrl-R", "XDG_STATE_HOME", "Exit status: 0",
            "64 usage",
        ] {
            #expect(help.contains(expected), "chat --help lacks \(expected)")
        }
    }

    @Test func versionIsPrinted() throws {
        let result = try BuiltBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test func shellCommandsExplainThemselvesInBatchMode() throws {
        let result = try BuiltBinary.run([], input: ":help save\n:save notes\n:histroy\n:help\n")
        let answers = result.stdout.components(separatedBy: "\n\n")
        #expect(answers.count == 4)
        #expect(answers[0].hasPrefix(":save NAME [--force]: "))
        #expect(answers[0].contains("./Transcripts"))
        #expect(
            answers[1] == ":save works in the interactive shell only (magnesium on a terminal).")
        #expect(
            answers[2]
                == "Unknown command :histroy. Did you mean :history? Type :help for the list.")
        for command in [
            ":help", ":topics", ":why", ":sources", ":profile", ":forget", ":reset", ":history",
            ":save", ":quit",
        ] {
            #expect(answers[3].contains("\n\(command)"), "\(command) is not in :help")
        }
        #expect(!FileManager.default.fileExists(atPath: "notes.txt"))
    }
}
