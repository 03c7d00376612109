/// Words that carry no checkable claim: function words, conversational fillers and generic discourse words.
///
/// A response word in this list is never counted as an unsupported claim, and a capitalised one never starts a
/// name. The list is fixed (not fitted to any data set) and deliberately generic.
enum Stopwords {
    /// The lowercased stopwords (compare against ``Token/text``).
    static let all: Set<String> = Set(
        """
        a an the and or but if then than so of to in on at by for with from into onto over under about above below \
        after before since until while during as is are was were be been being am do does did done doing have has \
        had having i me my mine myself you your yours yourself he him his himself she her hers herself it its itself \
        we us our ours ourselves they them their theirs themselves this that these those there here what which who \
        whom whose when where why how not no nor yes yeah yep yup nope all any some more most much many very too also \
        just only really quite well oh ok okay sure think thought know knew known like liked likes love loved loves \
        enjoy enjoyed see seen saw watch watched read heard hear say said says tell told get got gets go going goes \
        went gone make made would could should will can may might must shall one ones thing things lot lots good \
        great nice best better favorite favourite favorites awesome cool fan fans fun actually definitely maybe \
        probably always never ever something anything everything nothing someone anyone everyone somebody anybody \
        didn't don't doesn't isn't wasn't aren't weren't won't wouldn't couldn't shouldn't can't cannot haven't \
        hasn't hadn't i'm it's that's he's she's they're you're we're i've you've we've they've i'd you'd he'd she'd \
        we'd they'd i'll you'll he'll she'll we'll they'll what's let's there's here's who's let lets \
        again once still even now then today other others another such own same both each few every either neither \
        out up down off through because though although however also too very back way ways time times really \
        please thanks thank hi hello hey wow hmm um uh ah glad happy sorry hope hoping sounds sound seems seem \
        looks look looking want wanted wants need needs try tried trying feel felt pretty kind sort bit little \
        big new old first last next lot interesting true right wrong agree correct indeed absolutely certainly \
        information answer answers question questions provided provide context contain contains enough help request \
        detail details point points mention mentioned above below summary stated start part parts example
        """.split(separator: " ").map(String.init))
}

extension Token {
    /// Whether the token can carry a claim: any number, or a word of two or more characters that is not a stopword.
    var isContentWord: Bool {
        self.isNumber || (self.text.count > 1 && !self.isClockMarker && !Stopwords.all.contains(self.text))
    }

    /// Whether this can be a word of a name: capitalised, not a number, not "I", not a stopword ("The", "Of").
    var isNameWord: Bool {
        self.isCapitalised && !self.isNumber && self.text != "i" && !Stopwords.all.contains(self.text)
    }
}
