import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What long, real-world messages from a blind review showed: a danger told in passing, a figure
/// that belongs to another product, a word misread as a person's age, and a label read over two
/// lines. Each line here is worded afresh, not copied from the review.
@Suite struct RealQuestionsTests {
    static let understander = RedFlagReaderTests.understander

    static func fired(_ line: String) -> [String] { RedFlagReaderTests.fired(line) }

    /// The reply after any "Noted: ..." line about the profile.
    static func answerPart(_ reply: Reply) -> String {
        reply.text.split(separator: "\n").first { !$0.hasPrefix("Noted:") }.map(String.init) ?? ""
    }

    /// A toddler who got into the bag where the tablets were, with a lid off, may have swallowed
    /// some: a poison line now, though nobody said "ate" or "swallowed".
    @Test func aToddlerWhoGotIntoTheTabletsMayHaveSwallowedSome() {
        #expect(
            Self.fired(
                "my little girl is 2 and has been rummaging in my handbag, the lid is off my magnesium tub and my iron tablets packet is open, she seems fine"
            ).contains("child-swallowed"))
        #expect(
            Self.fired("my son likes playing in my bag, can kids take magnesium gummies").isEmpty)
    }

    /// Toes pointing in a calf cramp is how a cramp looks; with tingling it may be tetany.
    @Test func toesPointingInACalfCrampIsNoTetany() {
        #expect(
            !Self.fired("woke up with my calf rock hard and my toes pointing down, agony")
                .contains("tetany"))
        #expect(Self.fired("my foot keeps curling and pointing").isEmpty)
        #expect(
            Self.fired("my foot keeps curling and pointing and my leg feels numb and tingly")
                .contains("tetany"))
    }

    /// "Lower calf" names a place, not something to lower: tendon pain on ciprofloxacin is read
    /// even when the line goes on to ask whether it is a cramp.
    @Test func aLowerCalfIsAPlaceNotSomethingToLower() {
        #expect(
            Self.fired(
                "since starting cipro the back of my heel and my lower calf ache, is it cramp?"
            ).contains("quinolone-tendon"))
    }

    /// A magnesium laxative used often, with new sleepiness or with weak kidneys, needs a doctor
    /// today; with marked weakness after a lot of it, the call for help now stands alone.
    @Test func aMagnesiumLaxativeUsedOftenNeedsADoctorToday() {
        #expect(
            Self.fired("dad has milk of magnesia every night and seems sleepier lately").contains(
                "magnesium-laxative-building-up"))
        #expect(Self.fired("i use milk of magnesia now and then, is that ok").isEmpty)
        let graver = Self.understander.urgentRules(
            in: Self.understander.understand(
                "had loads of magnesium citrate this week for constipation and now im so weak i can hardly walk"
            )
        ).map(\.id)
        #expect(graver == ["too-much-magnesium"], "\(graver)")
    }

    /// Fluids that will not stay down with no urine is severe dehydration in an adult too. "Wee"
    /// reads as "urine", so the child's signs are found as well.
    @Test func fluidsThatWillNotStayDownWithNoUrineIsSevereDehydration() {
        #expect(
            Self.fired("cant keep anything down since yesterday and i havent had a wee all day")
                .contains("adult-dehydration"))
        #expect(
            Self.fired(
                "my 1 year old keeps being sick, hasnt had a wee since breakfast and is really sleepy"
            ).contains("child-dehydration"))
        #expect(Self.fired("i was sick last night but i am fine now").isEmpty)
        // "Sunken" eyes were spell-corrected to "sudden".
        #expect(
            Self.understander.understand("her eyes look sunken").normalized.contains("sunken"))
    }

    /// A stroke that left stiffness ("since my dad's stroke") is no stroke happening now.
    @Test func aStrokeThatLeftStiffnessIsNoStrokeNow() {
        #expect(Self.fired("since my dads stroke his hand stays clenched and tight").isEmpty)
        #expect(Self.fired("spasticity in my leg from a stroke, would magnesium help").isEmpty)
        #expect(Self.fired("i think my dad is having a stroke").contains("stroke"))
    }

    /// In A&E on a drip after an emergency, "can he take his magnesium?" asks about one's own
    /// supplement in hospital, not what to tell the crew.
    @Test func ownMagnesiumInHospitalAfterAnEmergency() {
        let replies = converse([
            "my son says his legs are agony after football camp and his wee is the colour of tea",
            "we're in a and e now and he's on a drip, can he take his magnesium",
        ])
        #expect(
            replies[1].text.hasPrefix("Not without asking: while you are in hospital"),
            "\(replies[1].text)")
    }

    /// "Potassium tablets (99mg)" is the potassium's amount, and the answer about potassium
    /// tablets leads though the line names two medicines too.
    @Test func anAmountAfterAnotherSupplementsTabletsIsThatSupplements() {
        let replies = converse([
            "bananas arent fixing my cramps so i bought potassium tablets (99mg), thinking 4 a day. im on ramipril and spironolactone, ok?"
        ])
        #expect(!replies[0].text.contains("99 mg a day"), "\(replies[0].text)")
        #expect(
            Self.answerPart(replies[0]).hasPrefix("No, not on your own: take potassium tablets"),
            "\(replies[0].text)")
    }

    /// A dog told by its age is no child: the line is answered for a pet (ask a vet) and the
    /// profile keeps no age.
    @Test func aDogToldByItsAgeIsNoChild() {
        var session = Session(knowledge: Repository.knowledge)
        let reply = session.respond(
            to: "my 9 year old labrador has cramps in his back legs, can i give him my magnesium?")
        #expect(reply.text.contains("vet"), "\(reply.text)")
        #expect(!reply.text.contains("aged 9"), "\(reply.text)")
        #expect(session.profile.otherAge == nil)
        // "My lab results" is a blood test, not a dog.
        let results = converse(["my lab results say my magnesium is low, should i take some"])
        #expect(!results[0].text.contains("vet"), "\(results[0].text)")
    }

    /// Trying for a baby names no baby yet, and a vitamin's number ("adcal-d3") is no age.
    @Test func noAgeIsReadFromAPlannedBabyOrAVitaminsNumber() {
        var session = Session(knowledge: Repository.knowledge)
        let planning = session.respond(
            to: "we're trying for a baby, is magnesium glycinate ok to keep taking")
        #expect(!planning.text.contains("your baby"), "\(planning.text)")
        #expect(session.profile.otherAge == nil)
        var other = Session(knowledge: Repository.knowledge)
        let vitamin = other.respond(
            to: "my grandad takes adcal-d3 every day, can he have magnesium for cramps too")
        #expect(!vitamin.text.contains("aged 3"), "\(vitamin.text)")
        #expect(other.profile.otherAge == nil)
    }

    /// A label's magnesium per tablet, said after the tablets a day, is counted for each of them:
    /// in the check of the label, when asked how much that is, and when asked if that is fine.
    @Test func aLabelsFigurePerTabletCountsEachTabletTaken() {
        let replies = converse([
            "i take 2 of my 1500mg magnesium citrate tablets every day",
            "just checked the pot, it says magnesium citrate 1500mg providing 240mg magnesium per tablet",
            "so how much am i actually getting",
            "ok and is that fine to carry on with",
        ])
        #expect(
            replies[1].text.contains(
                "at the 2 tablets a day you take, that is 480 mg a day, above"),
            "\(replies[1].text)")
        #expect(
            replies[2].text.hasPrefix(
                "2 tablets a day at 240 mg of elemental magnesium each is 480 mg a day, which is above"
            ), "\(replies[2].text)")
        #expect(replies[3].text.hasPrefix("No: about 480 mg"), "\(replies[3].text)")
    }
}
