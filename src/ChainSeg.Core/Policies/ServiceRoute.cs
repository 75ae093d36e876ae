namespace ChainSeg.Core.Policies;

/// <summary>How an order physically reaches the customer; config names in <see cref="PolicyVocabulary"/>.</summary>
public enum ServiceRoute
{
    /// <summary>Picked from stock held at our warehouse (<c>warehouse_pick</c>).</summary>
    WarehousePick,

    /// <summary>Shipped by the supplier straight to the customer, no stock of ours (<c>drop_ship</c>).</summary>
    DropShip,

    /// <summary>Flows through a warehouse from inbound to outbound without being put away (<c>cross_dock</c>).</summary>
    CrossDock,
}
