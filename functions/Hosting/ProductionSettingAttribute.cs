namespace Exchange.Hosting;

/// <summary>
/// Marks an options property that must be configured when the app runs in Azure. The deployment
/// template is checked against these marks, so a new required setting cannot be forgotten there.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ProductionSettingAttribute : Attribute;
