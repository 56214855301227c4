using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Testing;

namespace Subsidies.Tests.Applications;

/// <summary>When Internships erases a student who founded a company, their founder data here is erased too; the company's facts stay.</summary>
public class ErasingTheFounder(SubsidiesFixture fixture)
{
    [Fact]
    public async Task the_founders_birth_date_is_unreadable_after_erasure_while_the_application_keeps_its_facts()
    {
        var founder = await fixture.FounderAsync();
        var id = await fixture.DraftAsync(founder, Applying.Company(code: "91350200MA8UEX3L9Y"));
        (await fixture.ApplicationAsync(id)).FounderBirthDate.ShouldBe(new DateOnly(2001, 4, 12));

        await fixture.Host.InvokeAndWaitAsync(new StudentPersonalDataErased(founder, DateTimeOffset.UtcNow));

        var application = await fixture.ApplicationAsync(id);
        application.FounderBirthDate.ShouldBeNull();
        application.Company.CompanyName.ShouldBe("Xiamen Storyline Media Technology Co., Ltd.");
        application.State.ShouldBe(Subsidies.Applications.ApplicationState.Draft);
    }

    [Fact]
    public async Task an_erased_founder_drafts_no_new_application()
    {
        var founder = await fixture.FounderAsync();
        await fixture.Host.InvokeAndWaitAsync(new StudentPersonalDataErased(founder, DateTimeOffset.UtcNow));

        var result = await fixture.SendAsync("/api/subsidy-applications",
            new { applicantId = founder, founderBirthDate = "2001-04-12", company = Applying.Company(code: "91350200MA8UEX3L7W") });

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status422UnprocessableEntity);
        (await result.ReadAsJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("an-erased-person-does-not-apply");
    }

    [Fact]
    public async Task an_erased_founders_application_is_not_edited_again()
    {
        var founder = await fixture.FounderAsync();
        var id = await fixture.DraftAsync(founder, Applying.Company(code: "91350200MA8UEX3L8X"));
        await fixture.Host.InvokeAndWaitAsync(new StudentPersonalDataErased(founder, DateTimeOffset.UtcNow));

        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Put.Json(new { founderBirthDate = "2001-04-12", company = Applying.Company() })
                .ToUrl($"/api/subsidy-applications/{id}");
            x.StatusCodeShouldBe(StatusCodes.Status422UnprocessableEntity);
        });

        (await result.ReadAsJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("an-erased-founder-is-not-changed");
    }
}
