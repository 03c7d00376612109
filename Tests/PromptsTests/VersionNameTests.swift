import Prompts
import Testing

/// `latest`, `p_v<family>_latest` and ids, as every command and the remote client read them.
struct VersionNameTests {
    @Test(arguments: [
        ("latest", VersionName.latest(family: nil)), ("p_v1_latest", .latest(family: 1)),
        ("p_v12_latest", .latest(family: 12)), ("p_v1_3", .id("p_v1_3")), ("p_v0_latest", .id("p_v0_latest")),
        ("p_v+1_latest", .id("p_v+1_latest")), ("p_v_latest", .id("p_v_latest")), ("Latest", .id("Latest")),
    ])
    func aNameIsReadAsWritten(_ text: String, _ expected: VersionName) {
        #expect(VersionName(text) == expected)
    }
}
