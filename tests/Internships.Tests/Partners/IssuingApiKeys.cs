using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Internships.Partners.IssuingApiKey;
using Internships.Partners.ReadingApiKeys;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;
using StudentBase.Partners;
using StudentBase.Testing;
using Wolverine.Http;
using Marten;

namespace Internships.Tests.Partners;

public class IssuingApiKeys(InternshipsFixture fixture)
{
    private async Task<IssuedApiKey> IssueAsync(string partnerId, object request)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(request).ToUrl($"/api/partners/{partnerId}/api-keys");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<IssuedApiKey>();
    }

    private Task<IReadOnlyList<T>> PublishedToEveryServiceAsync<T>(Func<T, bool> about) =>
        Task.WhenAll(fixture.Host.InInboxAsync(Queues.EventsInbox, about), fixture.Host.InInboxAsync(Queues.SubsidiesInbox, about))
            .ContinueWith(inboxes => (IReadOnlyList<T>)[.. inboxes.Result.SelectMany(messages => messages)]);

    [Fact]
    public async Task an_issued_key_authenticates_its_partner_in_its_role_until_revoked()
    {
        var key = await IssueAsync("xmu-portal", new { role = "University", scopeId = PartnerKeys.XiamenUniversity, label = "portal 2026" });

        key.Key.ShouldStartWith(ApiKeys.Prefix);
        var shown = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Get.Url(key.Url);
            x.StatusCodeShouldBe(StatusCodes.Status200OK);
        });
        var kept = shown.ReadAsJson<ApiKeyDetails>();
        (kept.PartnerId, kept.Role, kept.ScopeId, kept.Label, kept.RevokedAt).ShouldBe(("xmu-portal", PartnerRole.University, PartnerKeys.XiamenUniversity,
            "portal 2026", null));
        var body = await shown.ReadAsTextAsync();
        body.ShouldNotContain(key.Key);
        body.ShouldNotContain(ApiKeys.Hash(key.Key));
        var published = await PublishedToEveryServiceAsync<PartnerApiKeyIssued>(issued => issued.KeyId == key.Id);
        published.Count.ShouldBe(2);
        published.ShouldAllBe(issued => issued.KeyHash == ApiKeys.Hash(key.Key) && !issued.KeyHash.Contains(key.Key) && issued.PartnerId == "xmu-portal");

        await fixture.Host.Scenario(x =>
        {
            x.As(key.Key).Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(key.Key).Post.Json(new { role = "Analyst", label = "x" }).ToUrl("/api/partners/someone/api-keys");
            x.StatusCodeShouldBe(StatusCodes.Status403Forbidden);
        });

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text("").ToUrl($"/api/partners/xmu-portal/api-keys/{key.Id}/revoke");
            x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
        });
        (await PublishedToEveryServiceAsync<PartnerApiKeyRevoked>(revoked => revoked.KeyId == key.Id)).Count.ShouldBe(2);

        await fixture.Host.Scenario(x =>
        {
            x.As(key.Key).Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });
        var listed = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url("/api/partners/xmu-portal/api-keys")))
            .ReadAsJson<List<ApiKeyDetails>>();
        listed.Single(candidate => candidate.Id == key.Id).RevokedAt.ShouldNotBeNull();

        // Revoking again changes nothing, tells nobody again, and still succeeds.
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text("").ToUrl($"/api/partners/xmu-portal/api-keys/{key.Id}/revoke");
            x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
        });
        await fixture.Host.RelayCaughtUpAsync();
        (await PublishedToEveryServiceAsync<PartnerApiKeyRevoked>(revoked => revoked.KeyId == key.Id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_key_of_another_partner_cannot_be_revoked_through_this_one()
    {
        var key = await IssueAsync("jmu-portal", new { role = "University", scopeId = PartnerKeys.JimeiUniversity, label = "portal" });

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Text("").ToUrl($"/api/partners/xmu-portal/api-keys/{key.Id}/revoke");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/partners/xmu-portal/api-keys/{key.Id}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    public static TheoryData<string, object, string> InvalidKeyRequests => new()
    {
        { "xmu-portal", new { role = "University", label = "no scope" }, "scopeId" },
        { "analysts", new { role = "Analyst", scopeId = Guid.CreateVersion7(), label = "scoped analyst" }, "scopeId" },
        { "xmu-portal", new { role = "University", scopeId = PartnerKeys.XiamenUniversity, label = "" }, "label" },
        { "Not A Partner!", new { role = "Analyst", label = "bad id" }, "partnerId" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeyRequests))]
    public async Task an_invalid_request_issues_nothing(string partnerId, object request, string field)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(request).ToUrl($"/api/partners/{Uri.EscapeDataString(partnerId)}/api-keys");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        var problem = (await result.ReadAsJsonAsync<JsonObject>())!;
        problem["type"]!.GetValue<string>().ShouldBe("/problems/validation");
        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());

        var label = JsonSerializer.SerializeToNode(request)!["label"]!.GetValue<string>();
        await using var session = fixture.Host.DocumentStore().QuerySession();
        (await session.Query<PartnerApiKey>().Where(key => key.PartnerId == partnerId).ToListAsync(TestContext.Current.CancellationToken)).ShouldNotContain(key => key.Label == label);
    }

    [Fact]
    public async Task an_issued_key_is_shown_once_and_kept_in_clear_nowhere()
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        var request = new { role = "Analyst", label = "warehouse 2026" };
        var first = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(request).ToUrl("/api/partners/city-warehouse/api-keys");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, idempotencyKey);
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var issued = first.ReadAsJson<IssuedApiKey>();

        var replay = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(request).ToUrl("/api/partners/city-warehouse/api-keys");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, idempotencyKey);
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });

        replay.Context.Response.Headers[IdempotencyMiddleware.ReplayedHeader].ToString().ShouldBe("true");
        replay.Context.Response.Headers[IdempotencyMiddleware.SecretsWithheldHeader].ToString().ShouldBe("key");
        var replayed = (await replay.ReadAsJsonAsync<JsonObject>())!;
        replayed["id"]!.GetValue<Guid>().ShouldBe(issued.Id);
        replayed["key"].ShouldBeNull();
        (await TablesHoldingAsync(issued.Key)).ShouldBeEmpty();
    }

    /// <summary>Every table of the database whose rows, read as text, contain the value.</summary>
    private async Task<IReadOnlyList<string>> TablesHoldingAsync(string value)
    {
        await using var connection = await fixture.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()
            .OpenConnectionAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new Npgsql.NpgsqlCommand($"select exists (select 1 from {table} t where strpos(t::text, $1) > 0)", connection)
            {
                Parameters = { new() { Value = value } },
            };
            if ((bool)(await search.ExecuteScalarAsync(TestContext.Current.CancellationToken))!)
            {
                holding.Add(table);
            }
        }

        return holding;
    }
}
