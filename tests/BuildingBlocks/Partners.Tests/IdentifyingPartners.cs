using System.Security.Claims;
using StudentBase.Contracts;

namespace StudentBase.Partners.Tests;

public class IdentifyingPartners
{
    private static readonly Guid University = Guid.CreateVersion7();

    [Fact]
    public void a_key_holders_principal_names_the_partner_its_role_and_scope()
    {
        var partner = new Partner("xmu-student-system", PartnerRole.University, University);

        Partner.From(partner.ToPrincipal(ApiKeyAuthenticationHandler.SchemeName)).ShouldBe(partner);
    }

    [Fact]
    public void a_bearer_tokens_claims_name_the_partner_the_same_way()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Partner.PartnerIdClaim, "exit-entry-xiamen"), new Claim(Partner.RoleClaim, "ExitEntryOfficer")], "Bearer"));

        Partner.From(token).ShouldBe(new Partner("exit-entry-xiamen", PartnerRole.ExitEntryOfficer, null));
    }

    [Fact]
    public void a_principal_without_a_known_role_is_no_partner()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Partner.PartnerIdClaim, "someone"), new Claim(Partner.RoleClaim, "Superuser")], "Bearer"));

        Partner.From(token).ShouldBeNull();
    }

    [Fact]
    public void what_a_partner_causes_names_it_and_its_role()
    {
        var user = new Partner("paoyou-hr", PartnerRole.Company, Guid.CreateVersion7()).ToPrincipal(ApiKeyAuthenticationHandler.SchemeName);

        new PartnerActors().ActorOf(user).ShouldBe(new EventSourcing.Actor("paoyou-hr", "Company"));
        new PartnerActors().ActorOf(new ClaimsPrincipal(new ClaimsIdentity())).ShouldBeNull();
    }

    [Fact]
    public void an_endpoint_names_at_least_one_role() => Should.Throw<ArgumentException>(() => new AllowAttribute());
}
