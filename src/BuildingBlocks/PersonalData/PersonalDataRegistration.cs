using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.PersonalData;

public static class PersonalDataRegistration
{
    /// <summary>Keeps each data subject's key beside the service's events, so what is encrypted with it can be erased.</summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services) =>
        services.ConfigureMarten(options => options.Schema.For<PersonalDataKey>());
}
