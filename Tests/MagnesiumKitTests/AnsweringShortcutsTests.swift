import MagnesiumTestSupport
import MagnesiumText
import MagnesiumUnderstanding
import Testing

@testable import MagnesiumKit

/// Shortcuts the answering thread takes must give what the plain way gives, or replies would
/// change.
@Suite struct AnsweringShortcutsTests {
    /// The re-ranking's steps marked from the answers each step can change are those asked of
    /// every answer, as ``Session/preferKindAndPerson`` once asked them.
    @Test func rescoreStepsMatchAskingEveryAnswer() {
        let knowledge = Repository.knowledge
        var session = Session(knowledge: knowledge)
        let topicBits = knowledge.answerTopicBits
        let kinds = Session.AnswerKinds(asks: knowledge.answerAsks)
        let answerCount = knowledge.answerAsks.count
        let allTopics = Array(Set(knowledge.answerTopicIDs.joined())).sorted()
        var random = SeededGenerator(seed: 7)
        for round in 0..<200 {
            // A kind no answer is of is -1.
            let kindsAsked: [Int]? =
                round % 4 == 0
                ? nil
                : (0..<(1 + round % 3)).map { _ in
                    Int.random(in: -1..<kinds.number.count, using: &random)
                }
            // Outside the person: the group each answer is written for, less the person's own.
            let outsideThePerson = topicBits.groupNumberOrNone.map {
                Bool.random(using: &random) ? -1 : $0
            }
            let forTheLine = topicBits.set(
                (0..<(round % 5)).map { _ in allTopics.randomElement(using: &random)! })
            let gains: [Int]? =
                round % 3 == 0
                ? nil
                : (0..<answerCount).map { _ in Int.random(in: 0..<6, using: &random) == 0 ? 1 : 0 }
            let steps = session.rescoreSteps(
                kindsAsked: kindsAsked, kinds: kinds, outsideThePerson: outsideThePerson,
                forTheLine: forTheLine, gains: gains)
            let asked = (0..<answerCount).map { place -> UInt8 in
                var step: UInt8 = 0
                if let kindsAsked, kindsAsked.contains(kinds.ofAnswer[place]) { step |= 1 }
                let group = outsideThePerson[place]
                if group >= 0, !forTheLine.contains(group) { step |= 2 }
                if let gains, gains[place] != 0 { step |= 4 }
                return step
            }
            #expect(steps == asked, "round \(round)")
        }
    }

    /// The amounts read only when a word before the last is a number are those read always.
    @Test func amountsReadOnlyWithANumberMatchReadingAlways() {
        let understander = Repository.knowledge.understander
        let lines = [
            "is 700 mg too much", "700", "700mg", "i take 2 g a day", "-5 mg of it", "1e3 mg",
            "hello there", "", "mg 400", "take 400", "i weigh 70 kg", "400 mcg", "is it safe",
            "how much magnesium in 3 bananas", "1,000 mg daily?", "half of 250 mg",
        ]
        for line in lines {
            let tokens = understander.understand(line).tokens
            let always = Amounts.read(tokens)
            let shortcut = Session.amountsRead(tokens)
            #expect(shortcut.map(\.milligrams) == always.map(\.milligrams), "\(line)")
            #expect(shortcut.map(\.written) == always.map(\.written), "\(line)")
            #expect(shortcut.map(\.wordIndex) == always.map(\.wordIndex), "\(line)")
        }
    }

    /// Every number the normaliser makes passes the first-byte check, whatever its script.
    @Test func everyNumberMayNameANumber() {
        let understander = Repository.knowledge.understander
        for line in ["700", "-5", "1e3", "0.4", "١٢٣ mg", "Ⅻ", "½ tablet", "2,000"] {
            for token in understander.understand(line).tokens where token.isNumber {
                #expect(Session.mayNameANumber([token][...]), "\(token.text)")
            }
        }
        #expect(!Session.mayNameANumber(understander.understand("is it safe").tokens[...]))
    }

    /// Markers found by bytes are those found by characters, with brackets beside letters from
    /// other scripts and combining marks, and brackets that hold no marker.
    @Test func citationMarkersByBytesMatchByCharacters() {
        let texts = [
            "", "plain", "One [1]. Two [2, 3].", "[1]", "[[1]]", "[ 1 ,2 ]", "[+3] and [-0]",
            "[] [1,] [,1] [x] [1", "]1[ [2]", "tab[\t4\t]", "é[1] [2]é", "[1]\u{301} [2]",
            "\u{600}[1]", "a[1\r\n] [3]", "µg [12] — ok [4, 5]",
            "[99999999999999999999] [7]", String(repeating: "Long text [1]. ", count: 50),
        ]
        func transform(_ numbers: [Int]) -> String {
            "<" + numbers.map { String($0 * 10) }.joined(separator: ";") + ">"
        }
        for text in texts {
            let byCharacters = Citations.replacingMarkers(in: text) { marker, _ in
                transform(marker.numbers)
            }
            #expect(
                Session.replacingCitationMarkers(in: text, transform) == byCharacters, "\(text)")
        }
    }

    /// The normalised words kept with the reading are the words joined again, for the line read
    /// and after its words change.
    @Test func normalizedTextKeptMatchesJoiningTheWords() throws {
        let knowledge = Repository.knowledge
        for line in ["How much magnesium, for my 6 year old?", "is it safe", "and  for KIDS?!"] {
            let read = Session.read(line, understander: knowledge.understander)
            var understanding = try #require(read.understanding)
            #expect(read.normalized == understanding.normalized)
            #expect(
                understanding.normalized == understanding.tokens.map(\.text).joined(separator: " "))
            understanding.tokens += knowledge.understander.understand("today").tokens
            #expect(
                understanding.normalized == understanding.tokens.map(\.text).joined(separator: " "))
        }
    }

    /// The tables kept for two lists at once are those made afresh for each, whatever order the
    /// lists are asked in.
    @Test func keptAnswerTablesMatchFreshOnes() {
        let knowledge = Repository.knowledge
        let groups = Array(Set(knowledge.answerTopicIDs.joined())).sorted()
        var random = SeededGenerator(seed: 11)
        var kept = Session(knowledge: knowledge)
        let lists = (0..<4).map { _ in
            (0..<Int.random(in: 0..<4, using: &random)).map { _ in
                groups.randomElement(using: &random)!
            }
        }
        for round in 0..<60 {
            let topics = lists[round % 3 == 0 ? Int.random(in: 0..<4, using: &random) : round % 2]
            for use in [Session.AnswerTableUse.groupOutside, .aboutAny, .aboutTheirGroup] {
                var fresh = Session(knowledge: knowledge)
                #expect(
                    kept.answerTable(for: topics, kept: use)
                        == fresh.answerTable(for: topics, kept: use), "round \(round)")
            }
        }
    }

    /// The kinds asked, found through each word's cue, are those the switch over every word's
    /// spelling found (kept here as it was).
    @Test func kindsAskedByCueMatchTheSpellingSwitch() {
        let vocabulary =
            Array(Session.kindCues.table.keys).sorted() + [
                "much", "many", "long", "soon", "often", "far", "i", "she", "as", "than", "is",
                "are",
                "it", "time", "form",
                "magnesium", "take", "get", "",
            ]
        var random = SeededGenerator(seed: 13)
        for round in 0..<3_000 {
            let words = (0..<Int.random(in: 0...7, using: &random)).map { _ in
                vocabulary.randomElement(using: &random)!
            }
            let leading = round % 4 == 0
            #expect(
                Session.kindsAsked(words, leading: leading)
                    == Self.kindsAskedBySpelling(words, leading: leading), "\(words)")
        }
    }

    static func kindsAskedBySpelling(_ words: [String], leading: Bool) -> Set<String> {
        var kinds = Set<String>()
        let opening = words.prefix { Session.joiningWords.contains($0) }.count
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "how" where next == "much" || next == "many": kinds.insert("amount")
            case "how" where next == "long" || next == "soon" || next == "often":
                kinds.insert("time")
            case "how" where next == "far": kinds.insert("time")
            case "apart", "gap", "spacing", "space": kinds.insert("time")
            case "dose", "dosage", "mg", "milligrams", "amount", "percent", "percentage", "limit",
                "ceiling", "maximum", "max", "rda", "rdas", "allowance", "requirement",
                "requirements":
                kinds.insert("amount")
            case _
            where ["more", "extra"].contains(word) && index > 0
                && Session.takingForMore.contains(words[index - 1]):
                kinds.insert("amount")
            case "when": kinds.insert("time")
            case _ where Session.permissionWords.contains(word) && Session.askers.contains(next):
                kinds.insert("verdict")
            case _
            where Session.verdictCueWords.contains(word)
                && (leading
                    || (index <= opening + 3 && opening < words.count
                        && ["is", "are"].contains(words[opening]))):
                kinds.insert("verdict")
            case "instead", "replace", "substitute", "swap": return ["correction"]
            case "why": kinds.insert("reason")
            case "which": kinds.insert("choice")
            case "what" where Session.asksWhichToGet(words, after: index): kinds.insert("choice")
            case "who" where !Session.asksWhomToGoTo(words, after: index): kinds.insert("list")
            case "best" where Session.momentWords.contains(next): kinds.insert("time")
            case "best" where Session.thingsPicked.contains(next): kinds.insert("choice")
            case "vs", "versus", "difference", "compare", "compared": kinds.insert("comparison")
            case "same" where next == "as": kinds.insert("comparison")
            case _ where Session.comparingWords.contains(word) && next == "than":
                kinds.insert("comparison")
            case "mean", "means", "meaning", "define", "definition": kinds.insert("definition")
            default: break
            }
        }
        if leading {
            return kinds.contains("verdict")
                ? ["verdict", "correction"] : kinds.union(["correction"])
        }
        return kinds
    }
}
