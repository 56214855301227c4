using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using Internships.Permits;
using Internships.Permits.Getting;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.Testing;

namespace Internships.Tests.Permits;

/// <summary>A permit case through the API against PostgreSQL: opened, documented, checked by the base, decided by its authority.</summary>
public class HandlingPermitCases(InternshipsFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Task<Guid> OpenAsync(Guid personId) => fixture.OpenPermitCaseAsync(personId);

    private Task<HttpResponseMessage> UploadAsync(Guid caseId, string item, byte[] content, string fileName = "scan.pdf") =>
        fixture.UploadAsync(caseId, item, content, fileName: fileName);

    private Task<Guid> UploadedAsync(Guid caseId, string item, byte[] content) => fixture.UploadedAsync(caseId, item, content);

    private static byte[] Pdf(string marker) => PermitCases.Pdf(marker);

    private async Task<(HttpStatusCode Status, byte[] Content, string? ContentType)> DownloadAsync(Guid caseId, Guid documentId, string key)
    {
        using var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        using var answer = await client.GetAsync($"/api/permit-cases/{caseId}/documents/{documentId}", Cancellation);
        return (answer.StatusCode, await answer.Content.ReadAsByteArrayAsync(Cancellation), answer.Content.Headers.ContentType?.MediaType);
    }

    private Task<PermitCaseDetails> ReadAsync(Guid caseId, string key = PartnerKeys.XiamenUniversityKey) =>
        fixture.GetAsync<PermitCaseDetails>($"/api/permit-cases/{caseId}", key);

    private static async Task<string?> RuleOfAsync(HttpResponseMessage answer) =>
        JsonNode.Parse(await answer.Content.ReadAsStringAsync(Cancellation))!["rule"]?.GetValue<string>();

    [Fact]
    public async Task a_university_opens_a_case_under_the_checklist_in_force_the_base_returns_it_then_forwards_it_and_the_exit_entry_administration_approves_it()
    {
        var daniel = await fixture.StudentAsync(PartnerKeys.XiamenUniversity);
        var caseId = await OpenAsync(daniel);

        var opened = await ReadAsync(caseId);
        opened.State.ShouldBe(PermitCaseState.Draft);
        opened.ChecklistVersion.ShouldBe("2026-01");
        opened.Authority.ShouldBe(PermitAuthority.ExitEntryAdministration);
        opened.Checklist.Select(item => item.Code).ShouldContain("internship-agreement");

        var passport = await UploadedAsync(caseId, "passport", Pdf("passport scan"));
        await fixture.PostAsync($"/api/permit-cases/{caseId}/submission", new { }, PartnerKeys.XiamenUniversityKey);
        (await (await fixture.TryAsync(HttpMethod.Post, $"/api/permit-cases/{caseId}/forwarding", new { })).RuleAsync())
            .ShouldBe("an-incomplete-case-is-not-forwarded");

        await fixture.PostAsync($"/api/permit-cases/{caseId}/return",
            new { shortfalls = new[] { new { item = "passport", reason = "The scan cuts off the machine-readable zone." } } });
        var returned = await ReadAsync(caseId);
        returned.State.ShouldBe(PermitCaseState.Returned);
        returned.Shortfalls.ShouldHaveSingleItem().Item.ShouldBe("passport");
        returned.Documents.Single(document => document.Id == passport).RejectedFor.ShouldBe("The scan cuts off the machine-readable zone.");

        foreach (var item in returned.Checklist.Where(item => item.Required))
        {
            await UploadedAsync(caseId, item.Code, Pdf(item.Code));
        }

        await fixture.PostAsync($"/api/permit-cases/{caseId}/submission", new { }, PartnerKeys.XiamenUniversityKey);
        await fixture.PostAsync($"/api/permit-cases/{caseId}/forwarding", new { });

        var approval = new { permitNumber = "XM2026R0012345", validFrom = "2027-01-01", validUntil = "2027-12-31" };
        (await fixture.TryAsync(HttpMethod.Post, $"/api/permit-cases/{caseId}/approval", approval, PartnerKeys.WorkPermitOfficer))
            .Context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        (await (await fixture.TryAsync(HttpMethod.Post, $"/api/permit-cases/{caseId}/approval",
                approval with { validUntil = "2026-12-31" }, PartnerKeys.ExitEntryOfficer)).RuleAsync())
            .ShouldBe("a-permit-ends-after-it-starts");
        await fixture.PostAsync($"/api/permit-cases/{caseId}/approval", approval, PartnerKeys.ExitEntryOfficer);

        var approved = await ReadAsync(caseId);
        approved.State.ShouldBe(PermitCaseState.Approved);
        approved.Permit!.PermitNumber.ShouldBe("XM2026R0012345");
        approved.Permit.ValidUntil.ShouldBe(new DateOnly(2027, 12, 31));
        (await ReadAsync(caseId, PartnerKeys.ExitEntryOfficer)).Permit!.ValidFrom.ShouldBe(new DateOnly(2027, 1, 1));
        (await fixture.GetAsync<JsonObject>($"/api/students/{daniel}"))["residencePermitExpiry"]!.GetValue<string>()
            .ShouldBe("2027-12-31", "the permit is recorded on the person");
        (await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Get.Url($"/api/permit-cases/{caseId}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        })).ShouldNotBeNull();

        var figures = await fixture.GetAsync<JsonObject>("/api/permit-figures", PartnerKeys.Analyst);
        figures["counts"]!.AsArray().ShouldContain(count => count!["type"]!.GetValue<string>() == "ResidenceForInternship"
                                                           && count["state"]!.GetValue<string>() == "Approved" && count["cases"]!.GetValue<int>() >= 1);

        var listed = await fixture.GetAsync<Page<JsonObject>>($"/api/permit-cases?personId={daniel}", PartnerKeys.ExitEntryOfficer);
        listed.Items.ShouldHaveSingleItem()["state"]!.GetValue<string>().ShouldBe("Approved");
        (await fixture.GetAsync<Page<JsonObject>>($"/api/permit-cases?personId={daniel}", PartnerKeys.WorkPermitOfficer)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_file_that_claims_to_be_a_pdf_but_is_not_is_refused_and_nothing_is_kept()
    {
        var caseId = await OpenAsync(await fixture.StudentAsync(PartnerKeys.XiamenUniversity));

        using var disguised = await UploadAsync(caseId, "passport", Encoding.ASCII.GetBytes("MZ\u0090 this is a program, not a passport"), fileName: "passport.pdf");
        disguised.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RuleOfAsync(disguised)).ShouldBe("a-document-is-a-pdf-jpeg-or-png");

        using var notOnTheList = await UploadAsync(caseId, "diploma", Pdf("diploma"));
        (await RuleOfAsync(notOnTheList)).ShouldBe("a-document-answers-an-item-of-the-checklist");

        using var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, PartnerKeys.XiamenUniversityKey);
        using var json = await client.PostAsync($"/api/permit-cases/{caseId}/checklist/passport/documents",
            new StringContent("""{"file":"JVBERi0="}""", Encoding.UTF8, "application/json"), Cancellation);
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        (await ReadAsync(caseId)).Documents.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_cut_short_upload_a_missing_shortfall_and_a_checklist_with_a_hole_are_refused_with_a_4xx_never_a_5xx()
    {
        var caseId = await OpenAsync(await fixture.StudentAsync(PartnerKeys.XiamenUniversity));

        using var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, PartnerKeys.XiamenUniversityKey);
        var cutShort = new ByteArrayContent(Encoding.ASCII.GetBytes(
            "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"passport.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 and then nothing"));
        cutShort.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        using var cut = await client.PostAsync($"/api/permit-cases/{caseId}/checklist/passport/documents", cutShort, Cancellation);
        cut.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await cut.Content.ReadAsStringAsync(Cancellation));

        await fixture.PostAsync($"/api/permit-cases/{caseId}/submission", new { }, PartnerKeys.XiamenUniversityKey);
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text("""{"shortfalls":[null]}""").ToUrl($"/api/permit-cases/{caseId}/return");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        var withAHole = new
        {
            version = $"hole-{Guid.NewGuid():N}"[..20],
            effectiveFrom = "2030-01-01",
            permits = new[] { "ResidenceForInternship", "WorkPermitForGraduate", "ResidenceForWork", "ResidenceForEntrepreneurship" }
                .Select(type => new { type, documents = new object?[] { new { code = "passport", description = "Passport", required = true }, null } }),
        };
        (await fixture.TryAsync(HttpMethod.Post, "/api/permit-checklists", withAHole)).Context.Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task a_document_is_sealed_in_storage_read_only_by_those_who_may_and_unreadable_after_the_person_s_erasure()
    {
        var person = await fixture.StudentAsync(PartnerKeys.XiamenUniversity);
        var caseId = await OpenAsync(person);
        var content = Pdf("PASSPORT-GB9876543-DANIEL");
        var documentId = await UploadedAsync(caseId, "passport", content);

        var read = await DownloadAsync(caseId, documentId, PartnerKeys.XiamenUniversityKey);
        read.Status.ShouldBe(HttpStatusCode.OK);
        read.Content.ShouldBe(content);
        read.ContentType.ShouldBe("application/pdf");
        (await DownloadAsync(caseId, documentId, PartnerKeys.JimeiUniversityKey)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await DownloadAsync(caseId, documentId, PartnerKeys.Analyst)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await DownloadAsync(caseId, documentId, PartnerKeys.ExitEntryOfficer)).Status.ShouldBe(HttpStatusCode.NotFound, "not forwarded to it");

        var stored = (await StoredContentAsync(documentId)).ShouldNotBeNull();
        Encoding.ASCII.GetString(stored).ShouldNotContain("PASSPORT-GB9876543-DANIEL");
        stored.Length.ShouldBeGreaterThan(content.Length);

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new { reason = "The student asked for erasure (PIPL art. 47)." }).ToUrl($"/api/students/{person}/erasure");
            x.StatusCodeShouldBeOk();
        });

        (await StoredContentAsync(documentId)).ShouldBeNull("the storage forgets an erased person's documents");
        var erased = await DownloadAsync(caseId, documentId, PartnerKeys.BaseAdministrator);
        erased.Status.ShouldBe(HttpStatusCode.NotFound);
        Encoding.UTF8.GetString(erased.Content).ShouldNotContain("PASSPORT-GB9876543-DANIEL");
        using var afterwards = await UploadAsync(caseId, "photo", Pdf("photo"));
        (await RuleOfAsync(afterwards)).ShouldBe("an-erased-person-has-no-documents");
    }

    private async Task<byte[]?> StoredContentAsync(Guid documentId)
    {
        var schema = fixture.Host.Services.GetRequiredService<IDocumentStore>().Options.DatabaseSchemaName;
        await using var command = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand($"select content from {schema}.permit_documents where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = documentId });
        return await command.ExecuteScalarAsync(Cancellation) as byte[];
    }
}
