import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// "Does magnesium help with gout?", "is it good for tinnitus", "can mag cure my hayfever": a
/// line asking whether magnesium does some good names the use in the words after "help with",
/// "good for", "cure". Ranked by all its words, such a line finds the answer that fits "does
/// magnesium help" best (on cramps) and would be answered as if it asked about cramps. So the
/// use decides: an answer whose wordings name it goes first, and a use no answer's wordings name
/// at all gets the answer saying there is no checked evidence for it.
extension Session {
    /// The words naming the use a line asks magnesium for, with their keys.
    struct AskedUse {
        let words: [String]
        let keys: [String]
    }

    /// The use asked about, when the line asks whether magnesium (or a form of it, named or in
    /// focus) does some good and names the use in words of its own, not a topic.
    func askedUse(_ understanding: Understanding) -> AskedUse? {
        let tokens = understanding.tokens
        guard tokens.count >= 3, tokens.contains(where: { Self.useTriggers.contains($0.text) })
        else { return nil }
        guard asksAboutMagnesium(understanding) else { return nil }
        let named = Set(understanding.mentions.flatMap { Array($0.range) })
        let clauseEnds = Set(understanding.clauses.map(\.upperBound))
        for index in tokens.indices where Self.useTriggers.contains(tokens[index].text) {
            let word = tokens[index].text
            var next = index + 1
            // "good for", "works for": those words name a use only with "for" after them.
            if Self.triggersNeedingFor.contains(word) {
                guard next < tokens.count, tokens[next].text == "for" else { continue }
            }
            // "magnesium for gout", "do anything for psoriasis": "for" names a use only right
            // after what is taken or what it might do.
            if word == "for" {
                guard index > 0,
                    named.contains(index - 1)
                        || Self.thingsDoneFor.contains(tokens[index - 1].text)
                else { continue }
            }
            while next < tokens.count, !clauseEnds.contains(next),
                Self.wordsBeforeTheUse.contains(tokens[next].text)
                    || Self.useTriggers.contains(tokens[next].text)
            {
                next += 1
            }
            var words: [String] = []
            var keys: [String] = []
            while next < tokens.count, words.count < 3, !clauseEnds.contains(next) || words.isEmpty,
                !named.contains(next), !tokens[next].isNumber,
                !Self.wordsAfterTheUse.contains(tokens[next].text),
                !understander.isStopWord(tokens[next].text)
            {
                words.append(tokens[next].text)
                keys.append(tokens[next].key)
                next += 1
            }
            // "The rest of my life", "lack of sleep": the use goes on past "of", where its words
            // are no longer told apart from the rest. "Magnesium for gout" names a use only when
            // nothing but the end of the clause follows.
            if next < tokens.count, !clauseEnds.contains(next) {
                if tokens[next].text == "of" { continue }
                if word == "for", !Self.wordsAfterTheUse.contains(tokens[next].text) { continue }
            }
            // A use named by a topic ("help with cramps", "with night cramps") is the ranking's to
            // find, but for words no answer knows before it ("arthritis pain").
            if words.isEmpty
                || (next < tokens.count && named.contains(next)
                    && keys.contains { understander.answerWeight(ofWord: $0) != nil })
            {
                continue
            }
            return AskedUse(words: words, keys: keys)
        }
        return nil
    }

    /// Whether the thing asked about is magnesium: the line names magnesium or a form of it and
    /// no other subject, or names no subject while one is in focus.
    private func asksAboutMagnesium(_ understanding: Understanding) -> Bool {
        let subjects = understanding.topicIDs.filter { !graph.isAudienceTopic($0) }
        func isMagnesium(_ topic: String) -> Bool {
            topic == ReservedID.magnesium
                || ["form", "product"].contains(graph.kind(ofTopic: topic))
        }
        if subjects.isEmpty { return focus.first.map(isMagnesium) ?? false }
        return subjects.allSatisfy(isMagnesium)
    }

    /// Puts first the answer that names the use asked about, when the best does not; returns
    /// whether no answer's wordings name it at all.
    func answerTheUseAsked(
        _ use: AskedUse, _ ranked: inout [RankedAnswer]
    ) -> Bool {
        let weighted = use.keys.compactMap { key in
            understander.answerWeight(ofWord: key).map { (key: key, weight: $0) }
        }
        // "Arthritis pain": one word no answer knows is a use none is written for.
        guard weighted.count == use.keys.count,
            let telling = weighted.max(by: { $0.weight < $1.weight })
        else { return true }
        guard let best = ranked.first,
            !understander.answer(best.answer, hasWord: telling.key),
            let naming = ranked.prefix(Self.answersLookedAtForTheUse).firstIndex(where: {
                understander.answer($0.answer, hasWord: telling.key)
                    && $0.score >= Thresholds.designedAnswerScore
            })
        else { return false }
        let chosen = ranked.remove(at: naming)
        ranked.insert(
            RankedAnswer(answer: chosen.answer, score: max(chosen.score, best.score)), at: 0)
        return false
    }

    /// How far down the ranking an answer naming the use may be found: further down, it fits the
    /// rest of the line too loosely to be the one asked for.
    private static let answersLookedAtForTheUse = 8

    /// "Can it do *anything* for ...", "take *it* for ...": what comes before a "for" that names a
    /// use.
    private static let thingsDoneFor: Set<String> = ["anything", "something", "it", "them"]

    /// Words asking whether something does good; the use follows them.
    static let useTriggers = FilteredWords([
        "help", "helps", "helped", "helping", "helpful", "good", "great", "useful", "effective",
        "cure", "cures", "treat", "treats", "fix", "fixes", "prevent", "prevents", "relieve",
        "relieves", "ease", "eases", "reduce", "reduces", "improve", "improves", "work", "works",
        "beneficial", "for",
    ])
    private static let triggersNeedingFor: Set<String> = [
        "good", "great", "useful", "effective", "work", "works", "beneficial", "helpful",
    ]
    /// Words between the trigger and the use: "help *with my* gout", "good *for the* skin".
    private static let wordsBeforeTheUse: Set<String> = [
        "with", "for", "against", "on", "in", "you", "me", "my", "your", "his", "her", "their",
        "our", "the", "a", "an", "people", "someone", "anyone", "us", "him", "them", "to", "of",
        "any", "some", "really", "bad", "severe", "chronic", "mild", "constant", "terrible",
        "getting", "get", "having", "stop", "stopping", "symptoms", "treating", "preventing",
        "relieving", "reducing", "easing", "improving", "fixing", "curing", "lower", "lowering",
        "boost", "boosting",
    ]
    /// Words that end the use's words: "gout *and* swelling", "gout *at* night".
    private static let wordsAfterTheUse: Set<String> = [
        "and", "or", "but", "if", "when", "while", "during", "at", "because", "since", "as", "so",
        "too", "also", "like", "instead", "then", "now", "lol", "please", "pls", "thanks",
        "though", "tho", "really", "all", "anymore", "yet",
    ]
}
