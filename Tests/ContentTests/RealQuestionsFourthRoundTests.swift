import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What a fourth blind review of real-world messages showed: a complaint told with the person's
/// age or pregnancy got a definition of cramp; "34 weeks pregnant" drew the answer on belly
/// cramps; calcium and iron were one topic, so calcium drew iron's answer; "how far apart do I
/// need them?" beside a course of antibiotics got a sleep answer; kidney disease told after a
/// spacing answer "did not change" it. Each line here is worded afresh, not copied from the review.
@Suite struct RealQuestionsFourthRoundTests {

    /// "I'm 69 and my calves seize up most nights" asks nothing, yet wants to know what to do: the
    /// answer on night cramps for that person, after the note of the age.
    @Test func aComplaintToldWithThePersonIsAnswered() {
        let older = converse(["I'm 69 and my calves seize up most nights"])[0]
        #expect(older.text.hasPrefix("Noted: you are 69."), "\(older.text)")
        let whatToDo = [
            "cramps-night-cramps-older-adult", "cramps-stop-a-cramp-now",
            "cramps-prevent-night-cramps",
        ]
        #expect(whatToDo.contains(designedAnswerID(of: older) ?? ""), "\(older.context)")
        let pregnant = converse(["29 weeks pregnant here, calf cramps keep waking me up"])[0]
        #expect(
            designedAnswerID(of: pregnant) == "pregnancy-late-calf-cramps-what-to-do",
            "\(pregnant.context)")
        // A line about the magnesium taken is about the magnesium, not a complaint to treat.
        let session = Session(knowledge: Repository.knowledge)
        let understander = Repository.knowledge.understander
        #expect(
            !session.reportsAComplaint(
                understander.understand("I began taking citrate for my leg cramps last week")))
        #expect(session.reportsAComplaint(understander.understand("my calves cramp most nights")))
    }

    /// Belly cramps in pregnancy need the belly named: leg cramps in pregnancy are another
    /// question.
    @Test func bellyCrampsNeedTheBellyNamed() {
        let legs = converse(["im 26 weeks pregnant, leg cramps every single night"])[0]
        #expect(designedAnswerID(of: legs) != "cramps-pregnancy-belly-cramps", "\(legs.context)")
        let belly = converse(["pregnant and getting bad tummy cramps today"])[0]
        #expect(belly.context.contains { $0.hasPrefix("answer: cramps-pregnancy-belly-cramps") })
    }

    /// Calcium and iron are two topics: a line on calcium is not a question on iron.
    @Test func calciumIsNotIron() {
        let understander = Repository.knowledge.understander
        let calcium = understander.understand("is my calcium tablet ok with magnesium").topicIDs
        #expect(calcium.contains("calcium") && !calcium.contains("iron"), "\(calcium)")
        let iron = understander.understand("i take ferrous fumarate every morning").topicIDs
        #expect(iron.contains("iron") && !iron.contains("calcium"), "\(iron)")
        let reply = converse([
            "calcium pills and magnesium at the same breakfast, any issue?"
        ])[0]
        #expect(designedAnswerID(of: reply) == "combo-calcium", "\(reply.context)")
    }

    /// "How far apart", "what gap": when to take each is asked.
    @Test func spacingAsksWhen() {
        #expect(
            Session.kindsAsked(Normalizer.words("how far apart should they be")).contains("time"))
        #expect(Session.kindsAsked(Normalizer.words("what gap do i leave")).contains("time"))
    }

    /// One form of magnesium named with a question on spacing is the magnesium taken: "them" are
    /// it and the person's medicine.
    @Test func oneFormNamedIsTheMagnesiumSpacedFromTheMedicine() {
        let replies = converse([
            "the gp gave me doxycycline for a week",
            "i have magnesium citrate before bed to help me sleep, what gap do i leave between them",
        ])
        #expect(
            designedAnswerID(of: replies[1]) == "tetracyclines-doxycycline-spacing",
            "\(replies[1].context)")
    }

    /// An amount is weighed as the form named nearest it, not the first form the line names.
    @Test func anAmountIsWeighedAsTheFormNamedNearIt() {
        let reply = converse([
            "is citrate gentler on the gut? my old oxide tablets, 500mg each, went straight through me"
        ])[0]
        #expect(reply.text.contains("weight of magnesium oxide"), "\(reply.text)")
        #expect(!reply.text.contains("weight of magnesium citrate"), "\(reply.text)")
    }

    /// "What if I was on amiloride?" supposes a medicine; it is not noted as the person's.
    @Test func aSupposedMedicineIsNotThePersons() {
        let reply = converse(["what if i was on amiloride, would that change things"])[0]
        #expect(!reply.context.contains { $0.hasPrefix("profile:") }, "\(reply.context)")
        let taken = converse(["im on amiloride"])[0]
        #expect(taken.context.contains { $0.hasPrefix("profile:") }, "\(taken.context)")
    }

    /// An amount said of zinc is zinc's: no reading of it as magnesium against magnesium's limits.
    @Test func anotherSubstancesAmountIsNotMagnesiums() {
        let reply = converse(["my zinc tablets are 60mg each, is one a day fine long term?"])[0]
        #expect(!reply.text.contains("elemental magnesium, 60 mg"), "\(reply.text)")
        #expect(reply.text.contains("zinc"), "\(reply.text)")
    }

    /// "My doctor put me on ferrous fumarate": the doctor prescribed it, and is not the subject
    /// (when to see a doctor).
    @Test func thePrescriberIsNotTheSubject() {
        let topics = Repository.knowledge.understander.understand(
            "my doctor put me on ferrous fumarate, fine with magnesium?"
        ).topicIDs
        #expect(topics.contains("iron") && !topics.contains("when-to-see-a-doctor"), "\(topics)")
    }

    /// An answer every wording of which names melatonin needs it named: gummies for a child are
    /// not a question on melatonin.
    @Test func melatoninIsAskedAboutOnlyWhenNamed() {
        let reply = converse(["are gummies ok for a kid"])[0]
        #expect(
            !reply.context.contains { $0.contains("melatonin-gummies-for-a-child") },
            "\(reply.context)")
        let named = converse(["can my 8 year old have one of my melatonin gummies"])[0]
        #expect(designedAnswerID(of: named) == "melatonin-gummies-for-a-child", "\(named.context)")
    }

    /// Kidney disease told after an answer on spacing a medicine changes it: whether to take
    /// magnesium at all comes first; so it does when told before.
    @Test func kidneyDiseaseLeadsAnAnswerOnAMedicine() {
        let after = converse([
            "how long between gabapentin and magnesium?",
            "my kidneys are poor, stage 4",
        ])[1]
        #expect(after.text.contains("kidney doctor"), "\(after.text)")
        #expect(!after.text.contains("does not change"), "\(after.text)")
        let before = converse([
            "i have stage 4 kidney disease",
            "how long between gabapentin and magnesium?",
        ])[1]
        #expect(before.text.hasPrefix("People with kidney disease"), "\(before.text)")
    }
}
