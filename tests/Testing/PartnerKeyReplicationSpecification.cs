using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Tracking;
using Xunit;

namespace StudentBase.Testing;

/// <summary>A key the Internships service issues works in this service too, until it is revoked.</summary>
public abstract class PartnerKeyReplicationSpecification<TProgram>(ServiceFixture<TProgram> fixture) where TProgram : class
{
    [Fact]
    public async Task an_issued_key_is_accepted_here_until_its_revocation_arrives()
    {
        var key = ApiKeys.Generate();
        var issued = new PartnerApiKeyIssued(Guid.CreateVersion7(), "city-portal", nameof(PartnerRole.BaseAdministrator), null,
            ApiKeys.Hash(key), "city service portal", DateTimeOffset.UtcNow);

        await fixture.Host.InvokeAndWaitAsync(issued);
        await fixture.Host.InvokeAndWaitAsync(issued);

        await fixture.Host.Scenario(x =>
        {
            x.As(key).Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });

        await fixture.Host.InvokeAndWaitAsync(new PartnerApiKeyRevoked(issued.KeyId, issued.PartnerId, DateTimeOffset.UtcNow));

        await fixture.Host.Scenario(x =>
        {
            x.As(key).Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });
    }
}
