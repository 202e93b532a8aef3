import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// The red-flag reader on small inputs: where it finds symptoms, how rules combine them, and the
/// cues that hold a mention back. Uses the repository's vocabulary (`Knowledge/red-flags.yaml`).
@Suite struct RedFlagReaderTests {
    static let understander = Repository.knowledge.understander
    static let rules = Repository.knowledge.graph.redFlags.rules

    static func fired(_ line: String) -> [String] {
        understander.redFlags(in: line).fired.map { rules[$0].id }
    }
    static func held(_ line: String) -> [String] {
        understander.redFlags(in: line).held.map { rules[$0].id }
    }

    @Test(arguments: [
        ("my face is drooping", "stroke"),
        (
            "i was asking about doses earlier, my wife takes it too, anyway my face is drooping on the left",
            "stroke"
        ),
        ("chest pain", "chest-pain"),
        ("pain in the middle of my chest", "chest-pain"),
        ("my chset is tight", "chest-pain"),
        ("weak on one side", "stroke"),
        ("my toddler ate some gummies", "child-swallowed"),
        ("took 12 tablets", "overdose"),
        ("my calf is red and swollen", "blood-clot"),
        ("pee like cola after the race", "rhabdomyolysis"),
        ("cramp for 25 minutes", "long-cramp"),
        ("she took loads of magnesium and now has extreme drowsiness", "too-much-magnesium"),
        ("marked weakness after a big dose of magnesium", "too-much-magnesium"),
        ("can't stop vomiting after taking lots of magnesium", "too-much-magnesium"),
        ("i can't walk properly after a big dose of magnesium citrate", "too-much-magnesium"),
        // "A bottle of milk" is another sense; "a bottle of milk of magnesia" is not.
        ("my son drank half a bottle of milk of magnesia", "child-swallowed"),
        ("my friend drank a whole bottle of milk of magnesia as a dare", "overdose"),
    ])
    func aSymptomIsFoundAnywhere(line: String, rule: String) {
        #expect(Self.fired(line).contains(rule), "\(line): \(Self.fired(line))")
    }

    @Test func aHabitDoesNotReachANewSubjectJoinedByAnd() {
        // "Every night" is said of the cramps; the calf that "and my" opens is happening now.
        #expect(
            Self.fired("leg cramps every night and my calf is swollen and red and hot")
                .contains("blood-clot"))
        #expect(!Self.fired("my calf is always swollen and red").contains("blood-clot"))
    }

    @Test func punctuationIsNotNeeded() {
        #expect(
            Self.fired(
                "hi i have a question about glycinate my husband is slurring his words and his arm is limp"
            ).contains("stroke"))
    }

    @Test func aMisspellingIsReadThroughTheCorrectorOrTheTypoList() {
        // "numbnes" is corrected to a vocabulary word; "chesst" is a listed typo.
        #expect(Self.fired("sudden numbnes in my arm").contains("stroke"))
        #expect(Self.fired("chesst pain").contains("chest-pain"))
    }

    @Test func partsMustLieWithinTheWindow() {
        #expect(Self.fired("chest pain").contains("chest-pain"))
        #expect(
            !Self.fired(
                "my chest day at the gym went well and later i had some cramp pain in my calf"
            ).contains("chest-pain"))
    }

    @Test func aNumberMustReachItsThreshold() {
        #expect(!Self.fired("cramp for 5 minutes").contains("long-cramp"))
        #expect(Self.fired("cramp for 40 minutes").contains("long-cramp"))
        #expect(!Self.fired("i took 2 tablets").contains("overdose"))
        #expect(
            !Self.fired("i took 800 mg tablets").contains("overdose"),
            "a dose in mg is not a count of pills")
    }

    @Test func aLongerPhraseOutweighsAnotherSense() {
        #expect(Self.fired("i drank a whole bottle of milk, could that help cramps").isEmpty)
        #expect(
            Self.fired("my son drank half a bottle of milk of magnesia").contains("child-swallowed")
        )
    }

    /// "Heavy" is chest pressure to the heart attack rule and a weak limb to others; "down my
    /// right side" is one side to the stroke rule and spreading to others. Once a rule has fired
    /// on a word, a later rule reads it the same way or not at all.
    @Test func aWordARuleFiredOnKeepsThatSense() {
        #expect(
            Self.fired(
                "my husband says his chest feels heavy and it's going into his left arm, could it be his magnesium?"
            ) == ["chest-pain"])
        #expect(Self.fired("weakness down my right side started 20 mins ago") == ["stroke"])
        // Where the words have one sense, each rule still fires on them.
        #expect(Self.fired("my left arm feels heavy and my speech is slurred").contains("stroke"))
        #expect(
            Self.fired("my legs went numb and now it is spreading up to my hips").contains(
                "spreading-weakness"))
    }

    /// A stroke named as happening now is one; a stroke asked about, survived or had before is
    /// not, nor is heatstroke, which is its own rule's.
    @Test func aStrokeNamedAsHappeningNowIsAnEmergency() {
        for line in [
            "i think my dad is having a stroke", "he just had a stroke",
            "is this a stroke? i feel odd",
        ] {
            #expect(Self.fired(line).contains("stroke"), "\(line): \(Self.fired(line))")
        }
        for line in [
            "does magnesium lower the risk of strokes", "can magnesium cause a stroke",
            "my dad had a stroke last year, can he take magnesium", "stroke risk and magnesium",
            "i care for a stroke survivor, what dose for her cramps",
            "since her stroke she gets cramps in her arm", "i think my son has heat stroke",
            "my eye keeps twitching and now im worried its a stroke",
        ] {
            #expect(!Self.fired(line).contains("stroke"), "\(line): \(Self.fired(line))")
        }
        #expect(Self.fired("my son has heat stroke and is confused") == ["heat-illness"])
    }

    /// A hot bath is no hot calf: "hot" is read as the bath's, and a clot is not suggested.
    @Test func aHotBathIsNoHotCalf() {
        #expect(
            !Self.fired("had a really hot bath for my leg cramps and now my skin is tingly")
                .contains("blood-clot"))
        #expect(Self.fired("my calf is hot and swollen").contains("blood-clot"))
    }

    @Test func aDeniedSymptomIsNoReport() {
        let reading = Self.understander.redFlags(in: "no chest pain, just cramps")
        #expect(reading.fired.isEmpty)
        #expect(reading.hedged)
        #expect(Self.fired("my calf is not red or swollen").isEmpty)
        // "can not breathe" is a symptom, not a denial.
        #expect(Self.fired("i can not breathe").contains("breathing"))
    }

    @Test func aPastEpisodeIsHeldBack() {
        #expect(Self.fired("I had chest pain last year, can I take magnesium?").isEmpty)
        #expect(
            Self.held("I had chest pain last year, can I take magnesium?").contains("chest-pain"))
    }

    @Test func somethingHappeningNowOutweighsAnOldEpisode() {
        #expect(
            Self.fired("i had a clot years ago and now my calf is swollen and red again").contains(
                "blood-clot"))
        #expect(
            Self.fired("i get chest pain sometimes and it started again an hour ago").contains(
                "chest-pain"))
    }

    @Test func aResolvedEpisodeIsHeldBack() {
        #expect(
            Self.fired("my calf was swollen after the flight but the swelling went down").isEmpty)
        #expect(Self.fired("my heart was racing but it settled").isEmpty)
        // A resolution of something else leaves the emergency standing.
        #expect(Self.fired("the cramp went away but now my face is drooping").contains("stroke"))
        // "has not settled" ends nothing.
        #expect(Self.fired("my heart is racing and it has not settled").contains("heart-rhythm"))
    }

    @Test func aQuestionAboutASubjectIsNoReport() {
        for line in [
            "does magnesium help palpitations?", "what are the signs of a blood clot?",
            "can magnesium cause chest pain", "magnesium for palpitations",
        ] {
            #expect(Self.fired(line).isEmpty, "\(line)")
        }
        // The same words reported about someone are a report.
        #expect(Self.fired("why is my face drooping").contains("stroke"))
    }

    @Test func supposedQuotedAndJokingMentionsAreHeldBack() {
        #expect(Self.fired("what if my toddler ate the gummies").isEmpty)
        #expect(Self.fired("i read that magnesium causes slurred speech").isEmpty)
        #expect(Self.fired("my friend said magnesium gave her palpitations, is that true").isEmpty)
        #expect(Self.fired("i almost passed out at the price lol").isEmpty)
        #expect(Self.fired("i get palpitations now and then").isEmpty)
    }

    /// The corrector may find a symptom, never a cue that holds one back: a word it changes into
    /// a joke or a denial was not typed as one. A word changed into a symptom's word still
    /// completes a cue's phrase.
    @Test func aCorrectedWordIsNoCueUnlessItIsASymptomsWord() {
        #expect(Self.fired("my dad passed out and wont wake up jokng").contains("fainting"))
        #expect(Self.fired("i have an irregular heart rhytmh").isEmpty)
    }

    @Test func wordsInAnotherSenseAreNoSymptom() {
        #expect(Self.fired("i am dying to know which form is best").isEmpty)
        #expect(Self.fired("i took a whole bottle of water to the gym").isEmpty)
        #expect(Self.fired("chest day leaves my arms sore and tight").isEmpty)
    }

    @Test func aCrisisIsACrisisEvenInAQuestion() {
        #expect(Self.fired("should i just kill myself").contains("self-harm"))
        #expect(Self.fired("should i call an ambulance").contains("emergency"))
    }

    @Test func theAdviceIsOnePerTopicAndAtMostTwo() {
        // Child and adult overdose share a topic: only the child's advice is given.
        let child = Self.understander.urgentRules(
            in: Self.understander.understand("my son took the whole bottle of magnesium"))
        #expect(child.map(\.id) == ["child-swallowed"])
        let many = Self.understander.urgentRules(
            in: Self.understander.understand(
                "took 20 magnesium pills, my chest is tight, my face is drooping and my calf is swollen"
            ))
        #expect(many.count == Understander.mostUrgentRules)
    }

    @Test func anEmergencyOnlyTalkedAboutRaisesNoAlarmThroughTheMatcherEither() {
        // These resemble the urgent intent's example phrasings; the reader says they are not
        // reports.
        for line in [
            "what do i do if my kid swallows a magnesium pill",
            "i wouldnt say my chest hurts, more like my pecs are sore",
        ] {
            var session = Session(knowledge: Repository.knowledge)
            #expect(session.respond(to: line).intent != "urgent", "\(line)")
        }
    }

    @Test func anEmergencyGetsTheAdviceAloneUnlessMagnesiumIsWhatItIsAbout() {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(
            to: "suddenly one side of my body went weak and my face feels droopy")
        #expect(reply.intent == "urgent")
        #expect(reply.text.hasPrefix("Call emergency services now"))
        #expect(
            !reply.text.contains("\n"),
            "nothing was asked, so nothing follows the advice: \(reply.text)")
        // A question about magnesium asked with an emergency that is not about it is left for
        // later: an answer after the advice would only distract from it.
        let asked = session.respond(to: "I have chest pain, how much magnesium should I take?")
        #expect(asked.intent == "urgent")
        #expect(!asked.text.contains("\n"), "\(asked.text)")
        // Magnesium itself is the emergency: the question gets its answer after the advice.
        var another = Session(knowledge: Repository.knowledge)
        let overdose = another.respond(
            to: "i swallowed about 30 of my magnesium tablets, what will happen to me?")
        #expect(overdose.intent == "urgent")
        #expect(overdose.text.contains("\n"), "the question gets its answer after the advice")
    }

    @Test func theTurnsAfterAnEmergencyRepeatItsAdviceFirst() {
        let replies = converse([
            "my dad's face has gone droopy and his words are slurred",
            "we were about to have dinner, can it wait an hour?",
            "he says he feels better already",
            "how much magnesium should an adult take",
        ])
        #expect(replies[0].intent == "urgent")
        for reply in replies[1...2] {
            #expect(reply.intent == "urgent")
            #expect(reply.text.hasPrefix(Session.emergencyReminder), "\(reply.text)")
            #expect(reply.text.contains("stroke"), "the stroke advice again: \(reply.text)")
        }
        // Two follow-ups on, the conversation moves on.
        #expect(replies[3].intent != "urgent")
    }

    @Test func aQuestionAboutTheEmergencyItselfIsAnsweredAfterTheAdvice() {
        let replies = converse([
            "my calf is hot red and swollen since yesterday", "could it be a blood clot then",
        ])
        #expect(replies[1].text.hasPrefix(Session.emergencyReminder))
        #expect(
            replies[1].text.split(separator: "\n").count == 2,
            "the advice, then the answer about blood clots: \(replies[1].text)")
        #expect(replies[1].topics.contains("blood-clot"))
    }

    @Test func helpOnItsWayOrAResetEndsTheReminders() {
        let arrived = converse([
            "my son swallowed a load of my magnesium tablets",
            "ok i called poison control and they are sending an ambulance",
        ])
        #expect(arrived[1].intent != "urgent", "\(arrived[1].text)")
        let notYet = converse([
            "my son swallowed a load of my magnesium tablets",
            "we have not called an ambulance yet, is that ok",
        ])
        #expect(notYet[1].intent == "urgent", "a denied call is no help on its way")
        let reset = converse(["crushing pain in my chest", ":reset", "what is glycine"])
        #expect(reset[2].intent != "urgent")
    }

    @Test func theTraceNamesWhatWasFoundAndWhy() {
        let lines = Self.understander.explainRedFlags(in: "I had chest pain last year")
        #expect(lines.contains { $0.hasPrefix("found: ") && $0.contains("chest@") })
        #expect(lines.contains("rule chest-pain: held back chest@2 + pain@3 by past"))
    }

    @Test(arguments: [
        ("#", true), ("#10+", true), ("#45-", true), ("tingl*", true), ("#x", false),
        ("ab*", false), ("a*b", false), ("", false),
    ])
    func wordPatterns(pattern: String, valid: Bool) {
        #expect((RedFlagWord(pattern: pattern) != nil) == valid, "\(pattern)")
    }

    @Test func wordPatternsMatchAsWritten() {
        func forms(_ text: String, typed: String? = nil) -> RedFlagReader.Forms {
            RedFlagReader.Forms(text: text, typed: typed, number: Double(text))
        }
        #expect(RedFlagWord(pattern: "#10+")!.matches(forms("10")))
        #expect(!RedFlagWord(pattern: "#10+")!.matches(forms("9")))
        #expect(RedFlagWord(pattern: "#45-")!.matches(forms("40")))
        #expect(RedFlagWord(pattern: "tingl*")!.matches(forms("tingling")))
        #expect(
            RedFlagWord(pattern: "chest")!.matches(forms("cheat", typed: "chest")),
            "the typed spelling counts too")
    }

    // MARK: - Loading and checking

    static let areas = "areas:\n  - id: a\n    name: Area\n"
    static let sources =
        "sources:\n  - id: s\n    title: T\n    publisher: P\n    url: https://example.org\n"

    func problems(_ redFlags: String) throws -> [String] {
        let folder = try temporaryKnowledge([
            "areas.yaml": Self.areas, "sources.yaml": Self.sources, "red-flags.yaml": redFlags,
        ])
        do {
            _ = try KnowledgeLoader(directory: folder).load()
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func aSmallVocabularyLoads() throws {
        let yaml = """
            red-flags:
              cues:
                - id: negation
                  words: [no, not]
              concepts:
                - id: chest
                  words: [chest]
                - id: pain
                  words: [pain, hurts]
              rules:
                - id: chest-pain
                  when:
                    - [chest, pain]
                  within: 4
                  advice: Call emergency services now.
                  source: s
            """
        #expect(try problems(yaml) == [])
        let folder = try temporaryKnowledge([
            "areas.yaml": Self.areas, "sources.yaml": Self.sources, "red-flags.yaml": yaml,
        ])
        let knowledge = Knowledge(graph: try KnowledgeLoader(directory: folder).load())
        #expect(knowledge.understander.redFlags(in: "my chest hurts").fired == [0])
        #expect(knowledge.understander.redFlags(in: "no chest pain").fired == [])
    }

    @Test func aRuleNamingAnUnknownOrLaterConceptIsReported() throws {
        let found = try problems(
            """
            red-flags:
              concepts:
                - id: built
                  when:
                    - [later]
                - id: later
                  words: [later]
              rules:
                - id: r
                  when:
                    - [nowhere]
                  advice: Act.
                  source: s
            """)
        #expect(
            found.contains(
                "Knowledge/red-flags.yaml:3: concept built: `later` must be defined before it is used"
            ))
        #expect(
            found.contains(
                "Knowledge/red-flags.yaml:9: red-flag rule r: `nowhere` is not a red-flag concept"))
    }

    @Test func malformedRedFlagsAreReportedWithTheirLines() throws {
        let found = try problems(
            """
            red-flags:
              cues:
                - id: sarcasm
                  words: [sure]
              concepts:
                - id: x
                  words: ['#ten', "Can't"]
              rules:
                - id: r
                  when:
                    - [x]
                  within: 0
                  ignores: [negation, mood]
                  answers-question-too: perhaps
                  while-waiting: no-such-answer
                  advice: Act.
                  source: s
            """)
        #expect(
            found.contains {
                $0.hasPrefix("Knowledge/red-flags.yaml:3: cue sarcasm: not a cue the reader knows")
            })
        #expect(found.contains { $0.contains("concept x: `#ten` has a number pattern") })
        #expect(
            found.contains {
                $0.contains("concept x: `Can't` is not written as the normaliser reads it")
            })
        #expect(found.contains { $0.contains("red-flag rule r: `within` must be a whole number") })
        #expect(found.contains { $0.contains("red-flag rule r: cannot ignore `mood`") })
        #expect(
            found.contains {
                $0.contains("red-flag rule r: `answers-question-too` must be true or false")
            })
        // The answer for the wait must be one the folder has.
        #expect(
            found.contains {
                $0.contains("red-flag rule r: while-waiting `no-such-answer` is not an answer id")
            })
    }

    @Test func theOldUrgentPhraseListsAreRejected() throws {
        let folder = try temporaryKnowledge([
            "areas.yaml": Self.areas, "lexicon.yaml": "lexicon:\n  urgent:\n    - id: x\n",
        ])
        #expect(throws: DiagnosticsError.self) { try KnowledgeLoader(directory: folder).load() }
    }

    @Test func theRepositoryVocabularyIsChecked() {
        let graph = Repository.knowledge.graph
        #expect(GraphValidator(graph: graph).redFlagProblems().isEmpty)
        #expect(
            graph.redFlags.rules.contains { $0.id == "emergency" },
            "the general advice for an emergency no rule names")
        for cue in RedFlagCue.allCases {
            #expect(
                graph.redFlags.concepts.contains { $0.id == cue.rawValue },
                "no words for the cue \(cue.rawValue)")
        }
    }
}
