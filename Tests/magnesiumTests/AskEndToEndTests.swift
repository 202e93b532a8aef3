import Foundation
import Testing

/// `magnesium ask`: wrapped to the window on a terminal, one line per paragraph in a pipe, and
/// its options accepted before the subcommand's name too.
@Suite struct AskEndToEndTests {
    @Test(
        .enabled(
            if: TerminalSession.tmux != nil,
            "tmux is not installed (apt-get install tmux); the real-terminal test is skipped"))
    func askWrapsToTheTerminalsWidth() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-ask-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TerminalSession(
            arguments: ["ask", "what is glycine?"],
            environment: ["HOME": home.path, "TERM": "xterm-256color"], folder: home.path)
        defer { session.kill() }
        try #require(try session.waitFor("[exited 0]"), session.shown)
        let screen = try session.screen().split(separator: "\n").map(String.init)
        let sources = try #require(screen.firstIndex { $0.hasPrefix("Sources: ") })
        let answer = screen[..<sources]
        #expect(answer.count > 1 && answer.allSatisfy { $0.count <= 100 }, session.shown)

        // In a pipe, the same words, one line per paragraph.
        let piped = try BuiltBinary.run(["ask", "what is glycine?"])
        let first = try #require(piped.stdout.split(separator: "\n").first.map(String.init))
        #expect(first.count > 100)
        #expect(answer.joined(separator: " ") == first)
    }

    @Test func optionsMayComeBeforeTheSubcommand() throws {
        let knowledge = BuiltBinary.root.appendingPathComponent("Knowledge").path
        let before = try BuiltBinary.run(["--knowledge", knowledge, "ask", "what is glycine?"])
        let after = try BuiltBinary.run(["ask", "--knowledge", knowledge, "what is glycine?"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout == after.stdout && !before.stdout.isEmpty)
        let json = try BuiltBinary.run(["--json", "ask", "what is glycine?"])
        #expect(json.stdout.hasPrefix(#"{"question":"what is glycine?""#))

        // A missing folder and an option the subcommand does not have are the usual errors.
        let missing = try BuiltBinary.run(["--knowledge", "/nonexistent-mg", "ask", "hi"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("knowledge folder not found: /nonexistent-mg"))
        let unknown = try BuiltBinary.run(["--color", "never", "ask", "hi"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Unknown option '--color'"))
    }
}
