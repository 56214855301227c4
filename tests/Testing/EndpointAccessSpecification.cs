using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StudentBase.Contracts;
using StudentBase.Partners;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// Every endpoint of a service declares who may call it, and each role is let in or refused as declared.
/// A new endpoint without a policy, or one missing from the service's access table, fails these tests.
/// </summary>
public abstract partial class EndpointAccessSpecification<TProgram>(ServiceFixture<TProgram> fixture) where TProgram : class
{
    /// <summary>"METHOD /route/{pattern}" → the roles allowed, for every endpoint of the service's own that is not anonymous.</summary>
    protected abstract IReadOnlyDictionary<string, PartnerRole[]> Access { get; }

    /// <summary>The operators' and analysts' endpoints every service has (the Operations and History building blocks).</summary>
    private static readonly IReadOnlyDictionary<string, PartnerRole[]> OperationsAccess = new Dictionary<string, PartnerRole[]>
    {
        ["GET /api/operations/events/{eventId}"] = [PartnerRole.Operator],
        ["GET /api/operations/events"] = [PartnerRole.Operator],
        ["GET /api/operations/events/{eventId}/consequences"] = [PartnerRole.Operator],
        ["GET /api/operations/flows/{correlationId}"] = [PartnerRole.Operator],
        ["GET /api/operations/dead-letters"] = [PartnerRole.Operator],
        ["GET /api/operations/dead-letters/{id}"] = [PartnerRole.Operator],
        ["POST /api/operations/dead-letters/{id}/replay"] = [PartnerRole.Operator],
        ["DELETE /api/operations/dead-letters/{id}"] = [PartnerRole.Operator],
        ["GET /api/history/events"] = [PartnerRole.Analyst],
        ["GET /api/history/events.ndjson"] = [PartnerRole.Analyst],
        ["GET /api/history/events.parquet"] = [PartnerRole.Analyst],
        ["GET /api/history/journeys/{personId}"] = [PartnerRole.Analyst],
        ["GET /api/history/journeys/{personId}.ndjson"] = [PartnerRole.Analyst],
        ["POST /api/history/rebuilds"] = [PartnerRole.Operator, PartnerRole.Analyst],
        ["GET /api/history/rebuilds/{id}"] = [PartnerRole.Operator, PartnerRole.Analyst],
        ["GET /api/history/aggregates"] = [PartnerRole.Analyst],
        ["GET /api/history/aggregates/{kind}/{id}"] = [PartnerRole.Analyst],
        ["GET /api/history/aggregates/{kind}/{id}/timeline"] = [PartnerRole.Analyst],
    };

    /// <summary>Webhook subscriptions (the Webhooks building block): every role that some notification may reach manages its own.</summary>
    private static readonly PartnerRole[] Subscribers =
    [
        PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant, PartnerRole.ExitEntryOfficer,
        PartnerRole.Finance, PartnerRole.SubsidyReviewer, PartnerRole.WorkPermitOfficer,
    ];

    private static readonly IReadOnlyDictionary<string, PartnerRole[]> WebhooksAccess = new Dictionary<string, PartnerRole[]>
    {
        ["POST /api/webhook-subscriptions"] = Subscribers,
        ["GET /api/webhook-subscriptions"] = Subscribers,
        ["GET /api/webhook-subscriptions/{id}"] = Subscribers,
        ["PUT /api/webhook-subscriptions/{id}"] = Subscribers,
        ["DELETE /api/webhook-subscriptions/{id}"] = Subscribers,
        ["POST /api/webhook-subscriptions/{id}/pause"] = Subscribers,
        ["POST /api/webhook-subscriptions/{id}/resumption"] = Subscribers,
        ["POST /api/webhook-subscriptions/{id}/secret-rotation"] = Subscribers,
        ["GET /api/webhook-notification-types"] = Subscribers,
        ["GET /api/webhook-subscriptions/{id}/deliveries"] = Subscribers,
        ["POST /api/webhook-subscriptions/{id}/redeliveries"] = Subscribers,
    };

    private IReadOnlyDictionary<string, PartnerRole[]> AllAccess =>
        Access.Concat(OperationsAccess).Concat(WebhooksAccess).ToDictionary(entry => entry.Key, entry => entry.Value);

    private IEnumerable<RouteEndpoint> Endpoints => fixture.Host.Services.GetServices<EndpointDataSource>()
        .SelectMany(source => source.Endpoints)
        .OfType<RouteEndpoint>();

    private static IEnumerable<string> Names(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
        .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}");

    [Fact]
    public void every_endpoint_declares_who_may_call_it()
    {
        var undeclared = Endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
                               && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(Names)
            .ToList();

        undeclared.ShouldBeEmpty("these endpoints declare no access policy");
    }

    /// <summary>Each protected endpoint with the roles its own metadata allows.</summary>
    private Dictionary<string, PartnerRole[]> DeclaredAccess() => Endpoints
        .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        .SelectMany(endpoint => Names(endpoint).Select(name => (Name: name,
            Roles: endpoint.Metadata.GetOrderedMetadata<AllowAttribute>().SelectMany(allow => allow.AllowedRoles).Order().ToArray())))
        .ToDictionary(entry => entry.Name, entry => entry.Roles);

    /// <summary>
    /// The README's table of who may call what, for this service, is the endpoints' own declaration: it is written from it
    /// (<c>UPDATE_README_ACCESS=1</c>) and this fails when they differ.
    /// </summary>
    [Fact]
    public async Task the_readme_lists_every_operation_with_the_roles_it_declares()
    {
        var service = typeof(TProgram).Assembly.GetName().Name![..^".Api".Length];
        var (start, end) = ($"<!-- access:{service} -->", $"<!-- /access:{service} -->");
        var table = string.Join('\n', new[] { $"**{service}**", "", "| operation | roles |", "|---|---|" }
            .Concat(DeclaredAccess()
                .OrderBy(entry => entry.Key.Split(' ')[1], StringComparer.Ordinal).ThenBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => $"| `{entry.Key}` | {string.Join(", ", entry.Value)} |")));
        var readme = Path.Combine(ServiceProcess.FindRepository(), "README.md");
        var text = await File.ReadAllTextAsync(readme, TestContext.Current.CancellationToken);
        var (from, to) = (text.IndexOf(start, StringComparison.Ordinal), text.IndexOf(end, StringComparison.Ordinal));
        from.ShouldBeGreaterThanOrEqualTo(0, $"README.md has no {start} section");
        var written = text[(from + start.Length)..to].Trim('\n');

        if (Environment.GetEnvironmentVariable("UPDATE_README_ACCESS") == "1")
        {
            await File.WriteAllTextAsync(readme, text[..(from + start.Length)] + "\n" + table + "\n" + text[to..], TestContext.Current.CancellationToken);
            return;
        }

        written.ShouldBe(table, $"README.md's access table for {service} differs from the endpoints: run the tests with UPDATE_README_ACCESS=1.");
    }

    [Fact]
    public void the_access_table_names_every_protected_endpoint_with_its_roles()
    {
        var declared = DeclaredAccess();

        declared.Keys.ShouldBe(AllAccess.Keys, ignoreOrder: true);
        foreach (var (name, roles) in AllAccess)
        {
            declared[name].ShouldBe(roles.Order().ToArray(), name);
        }
    }

    [Fact]
    public async Task each_role_is_let_in_or_refused_as_declared()
    {
        foreach (var (name, allowed) in AllAccess)
        {
            foreach (var (role, key) in PartnerKeys.ByRole)
            {
                var result = await SendAsync(name, key);
                var status = result.Context.Response.StatusCode;
                if (allowed.Contains(role))
                {
                    status.ShouldNotBeOneOf([401, 403], $"{role} should be let in to {name}");
                }
                else
                {
                    status.ShouldBe(StatusCodes.Status403Forbidden, $"{role} should be refused {name}");
                }

                status.ShouldBeLessThan(500, $"{role} on {name}");
            }
        }
    }

    [Fact]
    public async Task a_request_without_a_valid_key_is_unauthenticated()
    {
        foreach (var name in AllAccess.Keys)
        {
            foreach (var key in new string?[] { null, "not-a-key", "sbk_revoked-or-never-issued" })
            {
                var result = await SendAsync(name, key);
                result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status401Unauthorized, $"{name} with key '{key}'");
                result.Context.Response.Headers.WWWAuthenticate.ToString().ShouldStartWith("ApiKey");
                result.Context.Response.ContentType.ShouldBe("application/problem+json");
            }
        }
    }

    private Task<IScenarioResult> SendAsync(string name, string? key)
    {
        var (method, pattern) = (name.Split(' ')[0], name.Split(' ')[1]);
        var url = RouteParameter().Replace(pattern, parameter =>
            parameter.Groups[1].Value == "partnerId" ? "test-partner" : Guid.CreateVersion7().ToString());

        return fixture.Host.Scenario(x =>
        {
            if (method == "GET")
            {
                x.Get.Url(url);
            }
            else if (method == "DELETE")
            {
                x.Delete.Url(url);
            }
            else
            {
                (method == "PUT" ? x.Put : x.Post).Text("{}").ToUrl(url);
                x.WithRequestHeader("Content-Type", "application/json");
            }

            if (key is not null)
            {
                x.As(key);
            }

            x.IgnoreStatusCode();
        });
    }

    [GeneratedRegex(@"\{([^}:]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
