import MagnesiumKit
import MagnesiumTestSupport
import Testing

/// The conversation engine on a graph built in code: what these tests check holds for any
/// content, so no edit of `Knowledge/` can break them.
@Suite struct TinyGraphSessionTests {
    static let knowledge = try! TinyGraph.knowledge(topics: ["glycine", "taurine", "zinc"])

    @Test func aNamedTopicGetsItsDefinitionWithItsSource() {
        var session = Session(knowledge: Self.knowledge)
        let reply = session.respond(to: "what is taurine?")
        #expect(reply.text.hasPrefix("Taurine is a test topic, fact 1 of three."), "\(reply.text)")
        #expect(reply.intent == "definition")
        #expect(reply.topics == ["taurine"])
        #expect(reply.sourceIDs == ["test-source"])
    }

    @Test func tellMeMoreGivesTheFactsNotShownYet() {
        var session = Session(knowledge: Self.knowledge)
        let first = session.respond(to: "what is zinc?")
        let more = session.respond(to: "tell me more")
        #expect(more.intent == "more")
        #expect(more.text.contains("The second fact about zinc."), "\(more.text)")
        #expect(!more.text.contains("fact 1 of three") || !first.text.contains("fact 1 of three"))
    }

    @Test func theFocusCarriesToAFollowUp() {
        var session = Session(knowledge: Self.knowledge)
        _ = session.respond(to: "what is glycine?")
        let dose = session.respond(to: "how much should i take?")
        #expect(dose.text.contains("10 mg of elemental glycine"), "\(dose.text)")
    }

    @Test func somethingElseEntirelyIsOutOfScope() {
        var session = Session(knowledge: Self.knowledge)
        let reply = session.respond(to: "who won the football last night?")
        #expect(reply.intent == "out-of-scope", "\(reply.intent): \(reply.text)")
    }

    /// `:why` explains the last reply: what was typed is shown escaped, never as a raw escape
    /// sequence.
    @Test func whyNeverEchoesAnEscapeSequence() {
        var session = Session(knowledge: Self.knowledge)
        _ = session.respond(to: "what is \u{1B}[2Jglycine?")
        let why = session.respond(to: ":why")
        #expect(!why.text.contains("\u{1B}"))
        #expect(why.text.contains("\\e[2J"), "\(why.text)")
    }
}
