using System.Text.Json.Nodes;

namespace StudentBase.PersonalData.Tests;

public class MaskingMessages
{
    private sealed record Founder([PersonalData] string Email, int Share);

    private sealed record Coordinator([PersonalData] string Name, string Office);

    private sealed record ApplicationFiled(
        Guid StudentId,
        [PersonalData] string FullName,
        [PersonalData] string EncryptedPassportNumber,
        Coordinator Coordinator,
        IReadOnlyList<Founder> Founders,
        string? Note);

    private static readonly JsonNode Body = JsonNode.Parse("""
        {"studentId":"0196f0c4-0000-7000-8000-00000000c001","fullName":"Daniel Smith","encryptedPassportNumber":"c2VjcmV0",
         "coordinator":{"name":"Li Wei","office":"B2"},"founders":[{"email":"a@b.cn","share":50}],"note":"Daniel Smith's plan"}
        """)!;

    [Fact]
    public void what_the_type_classifies_as_personal_is_masked_at_any_depth_and_nothing_else()
    {
        var masked = PersonalDataMasking.Mask(Body.DeepClone(), typeof(ApplicationFiled))!;

        masked["studentId"]!.GetValue<string>().ShouldBe("0196f0c4-0000-7000-8000-00000000c001");
        masked["fullName"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["encryptedPassportNumber"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["coordinator"]!["name"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["coordinator"]!["office"]!.GetValue<string>().ShouldBe("B2");
        masked["founders"]![0]!["email"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["founders"]![0]!["share"]!.GetValue<int>().ShouldBe(50);
    }

    [Fact]
    public void a_secret_in_a_message_is_masked_too()
    {
        var masked = PersonalDataMasking.Mask(JsonNode.Parse("""{"keyId":"k1","key":"c2VjcmV0a2V5"}"""), typeof(IssuedKey))!;

        masked["key"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["keyId"]!.GetValue<string>().ShouldBe("k1");
    }

    [Fact]
    public void a_body_whose_type_is_not_known_is_not_shown_at_all() =>
        PersonalDataMasking.Mask(Body.DeepClone(), type: null).ShouldBeNull();

    [Fact]
    public void a_secret_is_withheld_as_null()
    {
        var answer = JsonNode.Parse("""{"keyId":"k1","key":"sbk_abc"}""");

        ClassifiedData.Redact(answer, typeof(IssuedKey), DataClasses.Secret);

        answer!["key"].ShouldBeNull();
        answer["keyId"]!.GetValue<string>().ShouldBe("k1");
    }

    private sealed record IssuedKey(string KeyId, [Secret] string Key);
}
