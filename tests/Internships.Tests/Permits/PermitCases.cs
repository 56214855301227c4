using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Internships.Permits.Getting;
using StudentBase.Partners;
using StudentBase.Testing;

namespace Internships.Tests.Permits;

/// <summary>Permit cases through the API, as a partner's system would handle them.</summary>
public static class PermitCases
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A small but well-formed PDF, marked so a test can look for its text where it must not be.</summary>
    public static byte[] Pdf(string marker) => Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj <<>> endobj\n% {marker}\ntrailer <<>>\n%%EOF\n");

    public static Task<Guid> OpenPermitCaseAsync(
        this InternshipsFixture fixture, Guid personId, string type = "ResidenceForInternship", string key = PartnerKeys.XiamenUniversityKey) =>
        fixture.CreateAsync("/api/permit-cases", new { personId, type }, key);

    public static async Task<HttpResponseMessage> UploadAsync(
        this InternshipsFixture fixture, Guid caseId, string item, byte[] content, string key = PartnerKeys.XiamenUniversityKey,
        string fileName = "scan.pdf", string declaredType = "application/pdf")
    {
        using var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/permit-cases/{caseId}/checklist/{item}/documents", form, Cancellation);
    }

    public static async Task<Guid> UploadedAsync(this InternshipsFixture fixture, Guid caseId, string item, byte[] content, string key = PartnerKeys.XiamenUniversityKey)
    {
        using var answer = await fixture.UploadAsync(caseId, item, content, key);
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync(Cancellation));
        answer.Headers.Location!.ToString().ShouldStartWith($"/api/permit-cases/{caseId}/documents/");
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync(Cancellation))!["id"]!.GetValue<Guid>();
    }

    /// <summary>Every required document uploaded, the case submitted and forwarded to its authority.</summary>
    public static async Task ForwardedAsync(this InternshipsFixture fixture, Guid caseId)
    {
        var details = await fixture.GetAsync<PermitCaseDetails>($"/api/permit-cases/{caseId}", PartnerKeys.XiamenUniversityKey);
        foreach (var item in details.Checklist.Where(item => item.Required && !item.Answered))
        {
            await fixture.UploadedAsync(caseId, item.Code, Pdf(item.Code));
        }

        await fixture.PostAsync($"/api/permit-cases/{caseId}/submission", new { }, PartnerKeys.XiamenUniversityKey);
        await fixture.PostAsync($"/api/permit-cases/{caseId}/forwarding", new { });
    }
}
