using Microsoft.AspNetCore.Authorization;
using StudentBase.Contracts;

namespace StudentBase.Partners;

/// <summary>
/// The roles that may call an endpoint. Every endpoint declares one (or is explicitly anonymous); a block whose endpoints all
/// allow the same roles names them once in an attribute of its own derived from this one.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public class AllowAttribute : AuthorizeAttribute
{
    public AllowAttribute(params PartnerRole[] roles)
    {
        if (roles.Length == 0)
        {
            throw new ArgumentException("Name at least one role.", nameof(roles));
        }

        AllowedRoles = roles;
        Roles = string.Join(',', roles);
    }

    public IReadOnlyList<PartnerRole> AllowedRoles { get; }
}
