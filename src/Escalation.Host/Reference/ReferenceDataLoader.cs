using Escalation.Domain.Reference;
using Escalation.Host.Infrastructure;

namespace Escalation.Host.Reference;

/// <summary>Loads and validates the county's reference data file (<c>Escalation:ReferenceData</c>) at start-up.</summary>
public static class ReferenceDataLoader
{
    public const string Setting = "Escalation:ReferenceData";
    public const string Default = "Data/sample-county.json";

    public static ReferenceData Load(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration[Setting] ?? Default, AppContext.BaseDirectory);
        if (!File.Exists(path))
            throw new StartupException($"{Setting}: the reference data file '{path}' does not exist.");
        try
        {
            return ReferenceDataParser.Parse(File.ReadAllText(path));
        }
        catch (ReferenceDataException e)
        {
            throw new StartupException($"{Setting}: '{path}' is not valid reference data:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", e.Errors)}");
        }
    }
}
