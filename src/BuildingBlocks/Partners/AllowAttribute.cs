using Microsoft.AspNetCore.Authorization;
using StudentBase.Contracts;

namespace StudentBase.Partners;

/// <summary>The roles that may call an endpoint. Every endpoint declares one (or is explicitly anonymous).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AllowAttribute : AuthorizeAttribute
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
