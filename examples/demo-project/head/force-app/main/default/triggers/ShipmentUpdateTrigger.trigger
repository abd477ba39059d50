trigger ShipmentUpdateTrigger on Shipment_Update__e (after insert) {
    List<Shipment_Log__b> logs = new List<Shipment_Log__b>();
    for (Shipment_Update__e evt : Trigger.new) {
        logs.add(new Shipment_Log__b(
            Shipment_Id__c = evt.Shipment_Id__c,
            Logged_At__c = evt.CreatedDate,
            Status__c = evt.Status__c
        ));
    }
    Database.insertImmediate(logs);
}
