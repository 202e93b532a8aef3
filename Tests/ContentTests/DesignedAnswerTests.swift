import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// The designed-answer engine on a three-topic graph made here, so no content edit breaks it.
@Suite struct DesignedAnswerTests {
    static let yaml = """
        areas:
          - {id: main, name: Main}
        sources:
          - {id: s1, title: Study one, publisher: Journal, url: "https://example.org/1", standing: study}
          - {id: s2, title: Official page, publisher: Agency, url: "https://example.org/2", standing: official}
        topics:
          - id: widget
            name: widget
            area: main
            kind: form
            aliases: [widgets]
            facts:
              - {id: widget-def, about: definition, text: A widget is a small part., source: s1, grade: strong}
              - {id: widget-extra, about: evidence, text: Widgets were tested once., source: s1, grade: weak, level: 2}
          - id: gadget
            name: gadget
            area: main
            kind: form
            facts:
              - {id: gadget-def, about: definition, text: A gadget is a tool., source: s2, grade: strong}
          - id: kids
            name: children
            area: main
            kind: group
            aliases: [kids, children]
            facts:
              - {id: kids-def, about: definition, text: People under 19., source: s2, grade: strong}
        intents:
          - {id: more, examples: [tell me more, more, go on, what else]}
          - {id: why, examples: [why, why is that, how come]}
        answers:
          - id: widget-amount
            topic: widget
            asks: amount
            questions: [how much widget should i take, what dose of widget, how many widgets a day]
            says:
              - {text: Take 2 widgets a day., source: s2, grade: expert-opinion}
              - {fact: widget-def}
            caution: {text: Ask a pharmacist first., source: s2, grade: expert-opinion}
            why: {text: Two is what the agency advises., source: s2, grade: expert-opinion}
            more:
              - {fact: widget-extra}
            for:
              kids: {text: Children take 1 widget a day., source: s2, grade: expert-opinion}
          - id: gadget-safety
            topic: gadget
            asks: verdict
            questions: [is a gadget safe, are gadgets dangerous, can gadgets hurt me]
            says:
              - {text: "Yes, gadgets are safe.", source: s1, grade: moderate}
          - id: widget-amount-women
            topic: widget
            asks: amount
            sex: female
            ages: [19, 120]
            questions: [how much widget does a woman need, widgets for women]
            says:
              - {text: Women take 3 widgets a day., source: s2, grade: expert-opinion}
          - id: widget-amount-young
            topic: widget
            asks: amount
            ages: [19, 30]
            questions: [how much widget does a young adult need, widgets in your twenties]
            says:
              - {text: Young adults take 1 widget a day., source: s2, grade: expert-opinion}
        """

    static let knowledge: Knowledge = {
        do {
            let graph = try KnowledgeLoader.load(yaml: [(file: "Knowledge/test.yaml", text: yaml)])
            return Knowledge(graph: graph, tables: Understander.Tables(graph: graph))
        } catch { fatalError("the test graph does not load: \(error)") }
    }()

    func converse(_ lines: [String]) -> [Reply] {
        var session = Session(knowledge: Self.knowledge)
        return lines.map { session.respond(to: $0) }
    }

    @Test func anAnswerItemNamingAFactShowsThatFact() throws {
        let answer = try #require(Self.knowledge.graph.answer("widget-amount"))
        #expect(answer.says[1].text == "A widget is a small part.")
        #expect(answer.says[1].sourceIDs == ["s1"])
        #expect(answer.says[1].grade == .strong)
    }

    @Test func aParaphraseNoOneWroteFindsTheAnswerFirstSentenceFirst() {
        let reply = converse(["whats the right amount of widgets per day?"])[0]
        #expect(reply.intent == "answer")
        #expect(reply.text.hasPrefix("Take 2 widgets a day. [1]"))
        #expect(reply.text.contains("Ask a pharmacist first."))
        #expect(reply.context.contains { $0.hasPrefix("answer: widget-amount (") })
    }

    @Test func theGradeIsSaidWhereTheReaderShouldWeighIt() {
        let reply = converse(["are gadgets safe to use"])[0]
        #expect(reply.text.hasPrefix("Yes, gadgets are safe (evidence: moderate). [1]"))
    }

    @Test func tellMeMoreGivesTheNextItemsThenSaysItHasRunOut() {
        let replies = converse(["how much widget should i take", "tell me more", "tell me more"])
        #expect(replies[1].text.hasPrefix("Widgets were tested once (evidence: weak)."))
        #expect(replies[2].text.hasPrefix("That is all I have on that question."))
    }

    @Test func whyExplainsTheLastAnswersMainPoint() {
        let replies = converse(["how much widget should i take", "why?"])
        #expect(replies[1].intent == "why")
        #expect(replies[1].text.hasPrefix("Two is what the agency advises."))
    }

    @Test func aPronounLeansOnTheTopicInFocus() {
        let replies = converse(["how much widget should i take", "is it safe"])
        // No answer about widget safety exists: the gadget answer must not be given for "it".
        #expect(!replies[1].text.contains("gadgets are safe"), "\(replies[1].context)")
    }

    @Test func theProfileAddsASentenceOnlyWhereItBears() {
        let forKids = converse(["how much widget should i take for my kids"])[0]
        #expect(forKids.text.contains("Children take 1 widget a day."))
        let forMe = converse(["how much widget should i take"])[0]
        #expect(!forMe.text.contains("Children take"))
    }

    @Test func anEllipsisIsReadWithTheQuestionBefore() {
        let replies = converse(["how much widget should i take", "and for kids?"])
        #expect(replies[1].text.contains("Children take 1 widget a day."))
    }

    @Test func aQuestionNoAnswerFitsIsNotForcedOntoOne() {
        let reply = converse(["what is the capital of france"])[0]
        #expect(reply.intent != "answer")
    }

    @Test func theCompiledFormKeepsAnswersAndTheirIndex() throws {
        let bytes = CompiledKnowledge.encode(Self.knowledge.graph)
        let decoded = try CompiledKnowledge.decode(bytes)
        #expect(decoded.graph.answers == Self.knowledge.graph.answers)
        var session = Session(knowledge: decoded)
        #expect(session.respond(to: "what dose of widget").text.hasPrefix("Take 2 widgets a day."))
    }

    @Test func anAnswerForEveryoneGivesWayToTheBandThePersonIsIn() {
        // Said once, kept for the session.
        let own = converse(["I'm a woman", "how much widget should i take"])
        #expect(own[1].text.hasPrefix("Women take 3 widgets a day."))
        let young = converse(["I'm 25", "how much widget should i take"])
        #expect(young[1].text.hasPrefix("Young adults take 1 widget a day."))
        // The narrower band loses to one that fits on more counts: her sex and her age.
        let wife = converse(["how much widget does my wife need? she is 25"])
        #expect(wife[0].text.contains("Women take 3 widgets a day."))
        // Nothing known about the person: the answer for everyone.
        #expect(converse(["how much widget should i take"])[0].text.hasPrefix("Take 2 widgets"))
        // "I have a girl of 15" names the child, not the asker.
        let child = converse(["I have a girl of 15", ":profile"])
        #expect(!child[1].text.contains("Sex:"))
    }

    @Test func aBandOutsideTheWordsItKnowsIsRefused() {
        let broken = """
            areas: [{id: main, name: Main}]
            sources: [{id: s, title: S, publisher: P, url: "https://example.org", standing: study}]
            topics: [{id: t, name: t, area: main, kind: form}]
            answers:
              - {id: a, topic: t, asks: amount, sex: other, ages: [9], questions: [x], says: [{text: y, source: s, grade: weak}]}
            """
        do {
            _ = try KnowledgeLoader.load(yaml: [(file: "Knowledge/broken.yaml", text: broken)])
            Issue.record("an answer with an unknown sex loaded")
        } catch {
            let messages = error.diagnostics.map(\.message).joined(separator: "\n")
            #expect(messages.contains("answer a: unknown `sex: other`"))
            #expect(messages.contains("answer a: `ages` must be [youngest, oldest] in years"))
        }
    }

    @Test func anAnswerWithoutQuestionsOrFirstSentenceIsRefused() {
        let broken = """
            areas: [{id: main, name: Main}]
            topics: [{id: t, name: t, area: main, kind: form}]
            answers:
              - {id: a, topic: t, asks: amount, questions: [], says: []}
              - {id: b, topic: nowhere, asks: sometimes, questions: [x], says: [{fact: no-such-fact}]}
            """
        do {
            _ = try KnowledgeLoader.load(yaml: [(file: "Knowledge/broken.yaml", text: broken)])
            Issue.record("a broken answer loaded")
        } catch {
            let messages = error.diagnostics.map(\.message).joined(separator: "\n")
            #expect(messages.contains("answer a: needs the ways people ask it"))
            #expect(messages.contains("answer a: needs `says`"))
            #expect(messages.contains("answer b: unknown `asks: sometimes`"))
            #expect(messages.contains("answer b: `fact: no-such-fact` is not a fact id"))
            #expect(messages.contains("answer b: topic `nowhere` is not a topic id"))
        }
    }
}
