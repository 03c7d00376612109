import LanguageModels

/// What a lowercased ASCII text holds that one of ``SolicitationRule``'s patterns needs before it can match: the
/// rule runs a pattern only when its clue is present, so an ordinary patch costs one pass over its bytes instead of
/// nine regular-expression searches (they were a third of a rank's time, issue 14).
///
/// Each clue is implied by a match of its pattern: a web address with a scheme has `://`; one without has `www.`
/// or a dot directly followed by a letter; an email address or handle has `@`; a phone number has `+` and a digit,
/// or ten digits; a credential names one of ``credentialStems``. Text with a byte outside ASCII gets no clues
/// (`nil`), and the rule runs every pattern: Unicode case folding could match a pattern without these bytes.
package struct SolicitationClues: Sendable {
    package var schemeSeparator = false
    package var www = false
    package var at = false
    package var dotBeforeLetter = false
    package var plusBeforeDigit = false
    package var digits = 0
    package var credentialStem = false

    /// A substring of every alternative of the credential pattern (`card`, `pass` for passwords and pass phrases,
    /// `code` for one-time and verification codes, `log` for log-in details, ...). Not `detail`: card details have
    /// `card` and log-in details `log`, and "do not make up details" is an ordinary grounding rule.
    static let credentialStems: [[UInt8]] = [
        "card", "cvv", "cvc", "security", "pin", "pass", "code", "otp", "credential", "log", "account",
        "routing", "sort", "ssn", "private", "seed",
    ].map { Array($0.utf8) }

    /// The clues of `text`, or `nil` when it is not all ASCII.
    package init?(_ text: String) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bytes = Array(text.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        for (index, byte) in bytes.enumerated() {
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: ":"):
                if next == UInt8(ascii: "/"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "/") {
                    self.schemeSeparator = true
                }
            case UInt8(ascii: "@"):
                self.at = true
            case UInt8(ascii: "."):
                if next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z") { self.dotBeforeLetter = true }
                if index >= 3, bytes[(index - 3)..<index].elementsEqual("www".utf8) { self.www = true }
            case UInt8(ascii: "+"):
                if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") { self.plusBeforeDigit = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                self.digits += 1
            default:
                break
            }
        }
        self.credentialStem = bytes.withUnsafeBufferPointer { Self.stemIndex.firstGroup(in: $0) != nil }
    }

    /// ``credentialStems`` searched in one pass.
    private static let stemIndex = PhraseIndex(groups: [
        Self.credentialStems.map { String(decoding: $0, as: UTF8.self) }
    ])
}
