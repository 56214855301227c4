using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Partners.Internships;
using StudentBase.Partners;
using StudentBase.Testing;

[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
[assembly: AssemblyFixture(typeof(PartnerClient.Tests.PartnerClientFixture))]

namespace PartnerClient.Tests;

public sealed class PartnerClientFixture : ServiceFixture<Program>
{
    protected override string DatabasePrefix => "partner_client";

    /// <summary>The generated client, as a partner holding <paramref name="apiKey"/> would use it.</summary>
    public InternshipsClient ClientFor(string apiKey)
    {
        var http = Host.Server.CreateClient();
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        return new InternshipsClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        });
    }
}
