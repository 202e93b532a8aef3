import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumTranscripts

/// `replay --update` rewrites stale replies and nothing else: a file saved with Windows line
/// endings keeps them, and a carriage return someone typed into a `> ` line stays there.
@Suite struct TranscriptLineEndingTests {
    let replayer = TranscriptReplayer(knowledge: Repository.knowledge)

    /// The updated text of a transcript and the transcript parsed from it again.
    func update(_ text: String) throws -> (
        text: String, before: Transcript, after: Transcript, replies: [[String]]
    ) {
        let transcript = try Transcript.parse(text, file: "t.txt")
        let replies = replayer.replay(transcript, file: "t.txt").actualReplies
        let updated = transcript.updatingReplies(replies).text
        return (updated, transcript, try Transcript.parse(updated, file: "t.txt"), replies)
    }

    @Test func aCRLFFileStaysCRLF() throws {
        let text =
            "# title: saved on Windows\r\n> :profile\r\n# expect: intent=:profile\r\nStale words.\r\n\r\n> :quit\r\nGoodbye.\r\n"
        let result = try update(text)
        let profile = try #require(result.replies.first)
        #expect(profile.count >= 1)
        #expect(
            result.text
                == text.replacingOccurrences(
                    of: "Stale words.", with: profile.joined(separator: "\r\n")))
        #expect(
            !result.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"),
            "every line ends in CRLF: \(result.text.debugDescription)")
        #expect(replayer.replay(result.after, file: "t.txt").passed)
    }

    @Test func aStrayCarriageReturnInAUserLineIsKept() throws {
        // A CR before the line break, and one in the middle of a line, in a file with LF endings.
        let text = "> :profile\r\r\nStale words.\n> what is\rglycine?\nStale too.\n"
        let result = try update(text)
        #expect(result.before.turns.map(\.input) == [":profile\r", "what is\rglycine?"])
        #expect(
            result.after.turns.map(\.input) == result.before.turns.map(\.input),
            "the update changed what the user typed: \(result.text.debugDescription)")
        #expect(result.text.hasPrefix("> :profile\r\r\n"))
        #expect(result.text.contains("\n> what is\rglycine?\n"))
    }

    @Test func eachKeptLineKeepsItsOwnEndingAndNewLinesTakeTheFilesUsualOne() throws {
        // Mostly LF, one CRLF comment, no line break at the very end.
        let text = "> :profile\nStale words.\n# a note\r\n> :quit\nGoodbye."
        let result = try update(text)
        let profile = try #require(result.replies.first)
        #expect(
            result.text == "> :profile\n" + profile.map { $0 + "\n" }.joined()
                + "# a note\r\n> :quit\nGoodbye.")
    }

    @Test func aFileWithoutChangesIsWrittenBackByteForByte() throws {
        let text = "# title: mixed\r\n> :quit\r\r\nGoodbye.\n\r\n"
        let result = try update(text)
        #expect(result.text == text)
    }
}
