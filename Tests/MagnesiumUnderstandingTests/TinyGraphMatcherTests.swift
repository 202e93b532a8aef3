import MagnesiumKit
import MagnesiumTestSupport
import Testing

@testable import MagnesiumUnderstanding

/// The matcher on a graph built in code: names, typos and intents, whatever the content says.
@Suite struct TinyGraphMatcherTests {
    static let understander = try! TinyGraph.knowledge(topics: ["glycine", "taurine", "zinc"])
        .understander

    @Test func aTopicNameIsAMention() {
        let reading = Self.understander.understand("what is taurine")
        #expect(reading.topicIDs == ["taurine"])
        #expect(reading.best?.intent == "definition")
    }

    @Test func aTypoInATopicNameIsCorrected() {
        let reading = Self.understander.understand("how much tauirne should i take")
        #expect(reading.topicIDs == ["taurine"], "\(reading.corrections)")
        #expect(reading.corrections.contains { $0.from == "tauirne" && $0.to == "taurine" })
        #expect(reading.best?.intent == "dose")
    }

    @Test func twoTopicsAreBothMentionedInOrder() {
        let reading = Self.understander.understand("zinc or glycine, which dose?")
        #expect(reading.topicIDs == ["zinc", "glycine"])
    }

    @Test func wordsOfNoTopicMatchNoTopic() {
        let reading = Self.understander.understand("best pizza recipe please")
        #expect(reading.topicIDs.isEmpty)
        #expect(reading.best?.intent == "out-of-scope")
    }
}
