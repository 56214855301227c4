using System.Globalization;
using FluentValidation;
using FluentValidation.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.Http;

/// <summary>
/// The languages partners are answered in, chosen by <c>Accept-Language</c>: English by default, Simplified Chinese for
/// <c>zh-CN</c>, <c>zh-Hans</c> and their variants. The answer says which in <c>Content-Language</c>.
/// </summary>
public static class PartnerLanguages
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-CN");

    public static bool IsSimplifiedChinese(CultureInfo culture) =>
        culture.Name is "zh-CN" or "zh-Hans" or "zh-SG" || culture.Parent.Name == "zh-Hans";

    /// <summary>The text for the request's language.</summary>
    public static string Text(string english, string chinese) => IsSimplifiedChinese(CultureInfo.CurrentUICulture) ? chinese : english;

    internal static void AddPartnerLanguages(this IServiceCollection services)
    {
        services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [English, CultureInfo.GetCultureInfo("en-US"), SimplifiedChinese, CultureInfo.GetCultureInfo("zh-Hans")];
            options.DefaultRequestCulture = new RequestCulture(English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.ApplyCurrentCultureToResponseHeaders = true;
            // Only the header: a query string or cookie would make the same URL answer differently for a cache.
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        ValidatorOptions.Global.LanguageManager = new ValidationMessages();
    }

    /// <summary>Every answer is in the partner's language, problems included: the first thing a request meets.</summary>
    public static WebApplication UsePartnerLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>FluentValidation's own messages, whose Simplified Chinese is filed under zh-CN only.</summary>
    private sealed class ValidationMessages : LanguageManager
    {
        public override string GetString(string key, CultureInfo? culture = null)
        {
            culture ??= CultureInfo.CurrentUICulture;
            return base.GetString(key, IsSimplifiedChinese(culture) ? SimplifiedChinese : English);
        }
    }
}
