using System.Security.Claims;
using StudentBase.Contracts;

namespace StudentBase.Partners;

/// <summary>
/// The authenticated caller: which partner system, in which role, bound to which university, branch station
/// or applicant (<see cref="ScopeId"/>; none for roles that act for the whole base).
/// </summary>
public sealed record Partner(string PartnerId, PartnerRole Role, Guid? ScopeId) : IProgrammePartner
{
    public const string PartnerIdClaim = "partner_id";
    public const string ScopeIdClaim = "scope_id";

    /// <summary>The role claim as an identity provider's token carries it.</summary>
    public const string RoleClaim = "role";

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, PartnerId),
            new(PartnerIdClaim, PartnerId),
            new(ClaimTypes.Role, Role.ToString()),
        };
        if (ScopeId is { } scopeId)
        {
            claims.Add(new Claim(ScopeIdClaim, scopeId.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static Partner? From(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(PartnerIdClaim) is not { } partnerId
            || !Enum.TryParse<PartnerRole>(user.FindFirstValue(ClaimTypes.Role) ?? user.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        return new Partner(partnerId, role, Guid.TryParse(user.FindFirstValue(ScopeIdClaim), out var scope) ? scope : null);
    }
}

public static class PartnerPrincipalExtensions
{
    /// <summary>The authenticated partner; endpoints that declare a role policy always have one.</summary>
    public static Partner Partner(this ClaimsPrincipal user) =>
        StudentBase.Partners.Partner.From(user)
        ?? throw new InvalidOperationException("The endpoint was reached without an authenticated partner.");
}
