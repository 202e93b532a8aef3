import Foundation
import Testing

/// Tab on what people type: aliases and medicine names complete, and a second Tab lists the
/// matches likeliest first, in a real terminal.
@Suite(
    .enabled(
        if: TerminalSession.tmux != nil,
        "tmux is not installed (apt-get install tmux); the real-terminal shell test is skipped"))
struct ShellCompletionTerminalTests {
    @Test func aliasesAndMedicinesCompleteAndTheListIsRanked() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TerminalSession(
            arguments: ["--no-history"],
            environment: ["HOME": home.path, "TERM": "xterm-256color"], folder: home.path)
        defer { session.kill() }
        try #require(try session.waitForPrompt(showing: ""), session.shown)

        try session.type("can I take it with omep")
        try session.send("Tab")
        #expect(try session.waitForPrompt(showing: "can I take it with omeprazole"), session.shown)
        try session.send("C-u")
        try session.type("is citr")
        try session.send("Tab")
        #expect(try session.waitForPrompt(showing: "is citrate"), session.shown)
        try session.send("C-u")

        // One Tab takes the common beginning, a second lists the matches, common forms first.
        try session.send("C-l")
        try session.type("is magnesium gly")
        try session.send("Tab")
        #expect(try session.waitForPrompt(showing: "is magnesium glyc"), session.shown)
        try session.send("Tab")
        #expect(try session.waitFor("glycerophosphate"), session.shown)
        let screen = try session.screen()
        let glycinate = try #require(screen.range(of: "\nglycinate "), session.shown)
        let glycerophosphate = try #require(screen.range(of: "glycerophosphate"))
        #expect(glycinate.lowerBound < glycerophosphate.lowerBound, session.shown)
        // The line is drawn again under the list, and editing goes on.
        #expect(try session.waitForPrompt(showing: "is magnesium glyc"), session.shown)
        try session.type("inate?")
        try session.send("Enter")
        #expect(try session.waitFor("bisglycinate"), session.shown)
        try session.send("C-d")
        #expect(try session.waitFor("[exited 0]"), session.shown)
    }
}
