import Foundation
import Testing

/// Bracketed paste: a block of several lines pasted at the prompt is one input, shown on the
/// line before it runs and answered once; after the shell, the terminal no longer marks pastes.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellPasteTests {
    @Test func aPastedBlockIsOneInputAnsweredOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-paste-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let magnesium = TerminalSession.magnesium(
            ["--no-history"], environment: ["HOME": folder.path, "TERM": "xterm-256color"])
        let script = """
            \(magnesium)
            echo "[exited $?]"
            exec env PS1='after$ ' sh -i
            """
        let terminal = try TerminalSession(
            shellCommand: "sh -c " + TerminalSession.quoted(script), folder: folder.path)
        defer { terminal.kill() }
        func paste(_ text: String) throws {
            try terminal.run(["set-buffer", "--", text])
            // -p: with the paste marks, when the program asked for them.
            try terminal.run(["paste-buffer", "-p", "-t", terminal.name])
            Thread.sleep(forTimeInterval: 0.3)
        }
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)

        try paste("what is\nglycine?\n")
        #expect(try terminal.waitForPrompt(showing: "what is glycine?"), terminal.shown)
        #expect(!(try terminal.screen().contains("amino acid")), "nothing runs before Enter")
        try terminal.send("Enter")
        #expect(try terminal.waitFor("amino acid"), terminal.shown)
        try #require(try terminal.waitForPrompt(showing: ""), terminal.shown)
        #expect(try terminal.count("Glycine is the simplest amino acid") == 1, terminal.shown)

        // A tab in a paste is a space, not a request to complete.
        try paste("can I take it with\tomep")
        #expect(try terminal.waitForPrompt(showing: "can I take it with omep"), terminal.shown)
        try terminal.send("C-u")

        try terminal.send("C-d")
        try #require(try terminal.waitFor("[exited 0]"), terminal.shown)
        try #require(try terminal.waitFor("after$"), terminal.shown)
        try paste("echo pasted-ok")
        try terminal.send("Enter")
        #expect(try terminal.waitFor("\npasted-ok\n"), terminal.shown)
        #expect(!(try terminal.screen().contains("200~")), terminal.shown)
    }
}
