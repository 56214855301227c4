using System.Text.Json.Nodes;

namespace StudentBase.PersonalData.Tests;

public class MaskingMessages
{
    [Fact]
    public void personal_data_is_masked_at_any_depth_and_encrypted_values_too()
    {
        var body = JsonNode.Parse("""
            {"studentId":"0196f0c4-0000-7000-8000-00000000c001","fullName":"Daniel Smith",
             "encryptedPassportNumber":"c2VjcmV0","coordinator":{"name":"Li Wei"},"founders":[{"email":"a@b.cn","share":50}]}
            """);

        var masked = PersonalDataMasking.Mask(body)!;

        masked["studentId"]!.GetValue<string>().ShouldBe("0196f0c4-0000-7000-8000-00000000c001");
        masked["fullName"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["encryptedPassportNumber"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["coordinator"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["founders"]![0]!["email"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        masked["founders"]![0]!["share"]!.GetValue<int>().ShouldBe(50);
    }
}
