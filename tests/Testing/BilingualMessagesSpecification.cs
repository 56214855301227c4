using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Validators;
using Shouldly;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// Partners are answered in English or Simplified Chinese (<c>Accept-Language</c>), so every message a validator of the
/// service or of its building blocks can give exists in both, with the same placeholders. A rule given an English-only
/// <c>WithMessage</c> fails here; refusals and problem details cannot be written in one language (their constructors take both).
/// </summary>
public abstract partial class BilingualMessagesSpecification<TProgram> where TProgram : class
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void every_validation_message_is_written_in_english_and_in_simplified_chinese_with_the_same_placeholders()
    {
        var messages = Validators().SelectMany(validator => validator.CreateDescriptor().Rules
                .SelectMany(rule => rule.Components
                    .Where(component => component.Validator is not IChildValidatorAdaptor)
                    .Select(component => (
                        Rule: $"{validator.GetType().FullName}: {rule.PropertyName ?? "(object)"} {component.Validator.Name}",
                        English: In(English, component.GetUnformattedErrorMessage),
                        Chinese: In(SimplifiedChinese, component.GetUnformattedErrorMessage)))))
            .ToList();

        messages.Count.ShouldBeGreaterThan(10, "the validators of the service were found");
        messages.Where(message => Chinese().IsMatch(message.English)).Select(message => $"{message.Rule}: {message.English}")
            .ShouldBeEmpty("English messages with Chinese in them");
        messages.Where(message => !Chinese().IsMatch(message.Chinese)).Select(message => $"{message.Rule}: {message.Chinese}")
            .ShouldBeEmpty("messages without their Simplified Chinese");
        messages.Where(message => !Placeholders(message.English).SetEquals(Placeholders(message.Chinese)))
            .Select(message => $"{message.Rule}: {message.English} / {message.Chinese}")
            .ShouldBeEmpty("messages whose two languages name different placeholders");
    }

    /// <summary>The validators that need nothing to be made; a validator built from request context is covered by its own tests.</summary>
    private static IEnumerable<IValidator> Validators()
    {
        var service = typeof(TProgram).Assembly;
        var blocks = service.GetReferencedAssemblies()
            .Where(name => name.Name!.StartsWith("StudentBase.", StringComparison.Ordinal))
            .Select(Assembly.Load);
        return new[] { service }.Concat(blocks)
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => typeof(IValidator).IsAssignableFrom(type) && type is { IsAbstract: false, ContainsGenericParameters: false })
            .Select(type => type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes))
            .OfType<ConstructorInfo>()
            .Select(constructor => (IValidator)constructor.Invoke(null));
    }

    private static string In(CultureInfo culture, Func<string> message)
    {
        var current = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return message();
        }
        finally
        {
            CultureInfo.CurrentUICulture = current;
        }
    }

    private static HashSet<string> Placeholders(string message) =>
        Placeholder().Matches(message).Select(match => match.Value).ToHashSet();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();
}
