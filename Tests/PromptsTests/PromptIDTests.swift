import Prompts
import Testing

struct PromptIDTests {
    @Test(arguments: ["p_v1_1", "p_v1_3", "p_v12_345", "p_v999999999_1"])
    func validIDsParseAndPrintBack(_ text: String) throws {
        let id = try #require(PromptID(text))
        #expect(id.description == text)
        #expect(id.fileName == text + ".json")
    }

    @Test(arguments: [
        "", "p_v", "p_v1", "p_v1_", "p_v_1", "p_v0_1", "p_v1_0", "p_v01_1", "p_v1_01", "P_v1_1", "p_V1_1",
        "p_v1_1.json",
        "../p_v1_1", "p_v1_1/..", "../../etc/passwd", "p_v1_1_2", "p_v-1_1", "p_v1_+1", "p_v1 _1", "p_v１_1",
        "p_v1234567890_1", "p_v1_1\n",
    ])
    func invalidIDsAreRejected(_ text: String) {
        #expect(PromptID(text) == nil)
    }

    @Test func idsOrderByFamilyThenVersion() {
        let ids = ["p_v2_1", "p_v1_10", "p_v1_2"].compactMap(PromptID.init)
        #expect(ids.sorted().map(\.description) == ["p_v1_2", "p_v1_10", "p_v2_1"])
    }
}
