import Foundation
import Testing
@testable import MagnesiumKit

@Suite struct TranscriptReplayTests {
    /// Every saved transcript is its own test case, so a failure names the file.
    @Test(arguments: Repository.transcriptFiles())
    func replays(_ relativePath: String) throws {
        let url = Repository.transcriptsFolder.appendingPathComponent(relativePath)
        let transcript = try Transcript.parse(String(contentsOf: url, encoding: .utf8), file: "Transcripts/" + relativePath)
        let result = TranscriptReplayer(knowledge: Repository.knowledge).replay(transcript, file: "Transcripts/" + relativePath)
        #expect(result.passed, "\(result.diff)")
    }

    @Test func thereAreTranscripts() {
        #expect(Repository.transcriptFiles().count >= 3)
    }

    @Test func aTranscriptWithoutTurnsOrRepliesIsAnError() {
        #expect(throws: KnowledgeLoadError.self) { try Transcript.parse("# title: empty\n", file: "t.txt") }
        #expect(throws: KnowledgeLoadError.self) { try Transcript.parse("> hello\n> bye\nGoodbye.\n", file: "t.txt") }
    }

    @Test func aChangedReplyFailsWithADiffNamingTheTurn() throws {
        let transcript = try Transcript.parse("# title: t\n> :profile\nsomething else entirely\n", file: "t.txt")
        let result = TranscriptReplayer(knowledge: Repository.knowledge).replay(transcript, file: "t.txt")
        #expect(!result.passed)
        #expect(result.diff.contains("turn 1"))
        #expect(result.diff.contains("-something else entirely"))
    }

    @Test func parsesTitleTagsAndTrimsBlankLines() throws {
        let transcript = try Transcript.parse("# title: T\n# tags: a, b\n\n> hi\nHello.\n\n> :quit\nGoodbye.\n", file: "t.txt")
        #expect(transcript.title == "T")
        #expect(transcript.tags == ["a", "b"])
        #expect(transcript.turns.map(\.expected) == [["Hello."], ["Goodbye."]])
    }
}
