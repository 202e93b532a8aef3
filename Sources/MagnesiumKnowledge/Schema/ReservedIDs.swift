/// The ids of content the engine relies on by name, each with why. Everything else in
/// `Knowledge/` may be renamed freely; these may not, and `magnesium check` fails when one is
/// missing (renaming `more` in YAML used to pass `check` and silently break "tell me more").
public enum ReservedID {
    // MARK: Intents with behaviour of their own

    /// "tell me more": the next facts of the answer just given.
    public static let more = "more"
    /// "why?": the reasons (evidence, mechanism) behind the answer just given.
    public static let why = "why"
    /// "where is that from?": the full references of the answer just given.
    public static let source = "source"
    /// "what can you tell me about?": the list of topics.
    public static let topicsList = "topics-list"
    /// Emergency advice: the matcher's own route to it, besides the red-flag rules.
    public static let urgent = "urgent"
    /// The line is about something else: the honest "outside what I know" reply.
    public static let outOfScope = "out-of-scope"
    /// "I take levothyroxine", "I'm pregnant": a statement about the person, remembered.
    public static let profile = "profile"
    /// A claim of the seed article: what it says and what the evidence shows.
    public static let articleClaim = "article-claim"
    /// Two things set side by side; with one subject named, it falls back to another intent.
    public static let comparison = "comparison"
    /// What a named topic is: the answer when a line names only a topic.
    public static let definition = "definition"
    /// How much to take: the intent whose amounts are checked against the limits.
    public static let dose = "dose"
    /// Is it safe: one of the default choices offered when the matcher is unsure.
    public static let safety = "safety"
    /// What the seed article's evidence questions fall back to.
    public static let evidence = "evidence"
    /// Which foods have magnesium: listed from the graph's `found-in` relations, richest first.
    public static let foodSources = "food-sources"
    /// Warning signs: the fallback for an urgent-sounding line that is not an emergency.
    public static let warningSigns = "warning-signs"

    /// Every intent above, for `check`.
    public static let intents: [String] = [
        more, why, source, topicsList, urgent, outOfScope, profile, articleClaim, comparison,
        definition, dose,
        safety, evidence, foodSources, warningSigns,
    ]

    // MARK: Topics

    /// The audience of children: ages under 19 read as this group.
    public static let children = "children"
    /// The audience of older adults: ages 65 and over read as this group.
    public static let olderAdults = "older-adults"
    /// The element itself: its `found-in` relations are the food list.
    public static let magnesium = "magnesium"
    /// Pregnancy and breastfeeding: named, they are the person's group, never a child's age.
    public static let pregnancy = "pregnancy"
    public static let breastfeeding = "breastfeeding"

    /// Quinine for cramps, warned against by regulators: a line replacing it is not read as
    /// coming off a long-term prescription, since quinine has answers of its own.
    public static let quinine = "quinine"
    /// Red-flag rules under it advise seeing a doctor, not getting help at once: their reminder
    /// on the turns after says so.
    public static let whenToSeeADoctor = "when-to-see-a-doctor"

    /// The limits for supplements: its answers that check an amount answer an amount asked about.
    public static let upperLimit = "upper-limit"
    /// Kidney disease, where magnesium builds up: its rule goes before an answer that says
    /// magnesium can usually be taken, and again whenever more is asked for.
    public static let kidneyDisease = "kidney-disease"

    /// Every topic above, for `check`.
    public static let topics: [String] = [
        children, olderAdults, magnesium, pregnancy, breastfeeding, quinine, whenToSeeADoctor,
        upperLimit, kidneyDisease,
    ]

    // MARK: Designed answers

    /// "Can I stop my tablets and take magnesium instead?": the correction given when no answer
    /// written for the medicine named says not to stop it.
    public static let notInPlaceOfAMedicine =
        "false-premise-magnesium-instead-of-prescribed-medicine"

    /// "Does magnesium help with gout?": the answer for a use of magnesium that no answer's
    /// wordings name. Its first item says `{use}` where the use asked about goes.
    public static let useNotReviewed = "magnesium-use-not-reviewed"

    /// "I take 750 mg of magnesium taurate at night, is that alright?": the answer for an amount
    /// asked about when no answer written for amounts fits the line better. The engine checks the
    /// amount itself before its text.
    public static let anyAmountAskedAbout = "dose-any-amount-too-much"

    /// Every answer above, for `check`.
    public static let answers: [String] = [
        notInPlaceOfAMedicine, useNotReviewed, anyAmountAskedAbout,
    ]

    // MARK: Red-flag rules

    /// The general emergency advice, given with any red flag that has no advice of its own.
    public static let emergencyRule = "emergency"
    /// The crisis advice for someone who may harm themselves: while it is repeated, nothing else
    /// is answered.
    public static let selfHarmRule = "self-harm"
}
