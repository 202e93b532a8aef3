import MagnesiumKit
import MagnesiumTestSupport
import MagnesiumTranscripts
import Testing

/// Every intent the program itself emits may be named in `# expect:` (review §1.6: the
/// `:shell-only` a batch `:save` gets was refused as unknown).
@Suite struct ExpectationNamesTests {
    static let knowledge = try! TinyGraph.knowledge(topics: ["glycine"])

    @Test func aShellOnlyCommandOutsideTheShellCanBeExpected() throws {
        let text = """
            > :save x
            # expect: intent=:shell-only
            :save works in the interactive shell only (magnesium on a terminal).

            """
        let transcript = try Transcript.parse(text, file: "t.txt")
        let replayer = TranscriptReplayer(knowledge: Self.knowledge)
        #expect(replayer.validate(transcript, file: "t.txt").isEmpty)
        #expect(replayer.replay(transcript, file: "t.txt").passed)
    }

    @Test func anIntentNoOneEmitsIsStillRefused() throws {
        let transcript = try Transcript.parse(
            "> hello\n# expect: intent=no-such-intent\n...\n", file: "t.txt")
        #expect(
            !TranscriptReplayer(knowledge: Self.knowledge).validate(transcript, file: "t.txt")
                .isEmpty)
    }
}
